-- Addresses Tenure never sends tech-touch email to again: honoured for good, so there is no delete.
-- Keyed by address (lowercased), not by contact, so a contact re-created or re-imported as subscribed
-- stays suppressed.
CREATE TABLE suppression (
    address     text PRIMARY KEY CHECK (address = lower(address)),
    reason      text NOT NULL,
    source      text NOT NULL CHECK (source IN ('UNSUBSCRIBE_LINK', 'API', 'BOUNCE')),
    created_at  timestamptz NOT NULL
);

-- The key unsubscribe links are signed with when tenure.unsubscribe.secret is not set: made once, so
-- every node and every restart accept the links already sent.
CREATE TABLE unsubscribe_secret (
    id      integer PRIMARY KEY CHECK (id = 1),
    secret  text NOT NULL
);

-- The unsubscribe link an email carried (body footer and List-Unsubscribe header), so a retry sends
-- exactly what was recorded.
ALTER TABLE email ADD COLUMN unsubscribe_url text;

-- The frequency cap and the daily limit count recent tech-touch emails (those with an unsubscribe link)
-- by address and by day.
CREATE INDEX email_recipient_created ON email (lower(recipient), created_at) WHERE unsubscribe_url IS NOT NULL;
CREATE INDEX email_created ON email (created_at) WHERE unsubscribe_url IS NOT NULL;
