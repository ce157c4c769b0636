-- A signal is known by its source, its kind and its event id. Two tools sending through one source (every webhook
-- kind defaults to source 'webhook', every file to 'file') number their events alike: an NPS answer and a CSAT
-- answer both called 1001 are two signals, and the second must not be dropped as a duplicate of the first. Usage
-- has always been kept apart (usage_event), so this is the key it has had beside the others.
ALTER TABLE signal DROP CONSTRAINT signal_source_external_id_key;
ALTER TABLE signal ADD CONSTRAINT signal_source_kind_external_id_key UNIQUE (source, kind, external_id);
