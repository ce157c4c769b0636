package dev.tenure.connectors.vendors;

import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

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
        return receive(kind, source, List.of(event));
    }

    /**
     * One vendor event that says several things (a customer back, and what they now pay): the records the events
     * carry are taken in as one batch, in this order, or none is; ignored when every one of them is, and answered
     * as the first taken.
     *
     * @throws RejectedRecordsException naming each record and field that cannot be taken in
     */
    public VendorReceipt receive(RecordKind kind, String source, List<VendorEvent> events) {
        List<VendorEvent> taken = events.stream().filter(e -> !e.ignored()).toList();
        if (taken.isEmpty()) {
            return VendorReceipt.ignored(events.get(0));
        }
        Batch.Builder batch = new Batch.Builder();
        List<RecordError> errors = new ArrayList<>();
        for (VendorEvent event : taken) {
            Mapping mapping = mapper.map(kind, event.label(), event.record(), source);
            if (mapping.valid()) {
                batch.add(event.label(), mapping.record());
            } else {
                errors.addAll(mapping.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new RejectedRecordsException(errors);
        }
        return VendorReceipt.taken(taken.get(0), intake.accept(batch.build()));
    }
}
