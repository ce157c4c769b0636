package dev.tenure.connectors.vendors;

import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.springframework.stereotype.Component;

/**
 * Takes in a translated vendor event through the same record mapping as webhooks and files, so
 * validation, deduplication by (source, eventId) and refusals behave the same for every source.
 */
@Component
public class VendorIntake {

    private final RecordMapper mapper;
    private final Intake intake;

    VendorIntake(RecordMapper mapper, Intake intake) {
        this.mapper = mapper;
        this.intake = intake;
    }

    /** @throws RejectedRecordsException naming the record and field when the event cannot be taken in */
    public VendorReceipt receive(RecordKind kind, String source, VendorEvent event) {
        if (event.ignored()) {
            return VendorReceipt.ignored(event);
        }
        Mapping mapping = mapper.map(kind, event.label(), event.record(), source);
        if (!mapping.valid()) {
            throw new RejectedRecordsException(mapping.errors());
        }
        return VendorReceipt.taken(event, intake.accept(new Batch.Builder().add(event.label(), mapping.record()).build()));
    }
}
