package dev.tenure.api.webhooks;

import dev.tenure.connectors.segment.SegmentResult;
import dev.tenure.connectors.vendors.VendorReceipt;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;

import java.util.List;

/** What the webhook endpoints answer a source: what its call changed. */
final class Receipts {

    private Receipts() {
    }

    /** Records stored, signals already received (ignored), accounts evaluated and plays started by one call. */
    record IntakeReceipt(int accepted, int duplicates, int accountsEvaluated, int playsStarted) {

        static IntakeReceipt of(IntakeResult r) {
            return new IntakeReceipt(r.accepted(), r.duplicates(), r.accountsEvaluated(), r.playsStarted());
        }
    }

    /** A vendor's event: which, whether it was ignored and why, and what it changed. */
    record VendorEventReceipt(String event, boolean ignored, String reason, int accepted, int duplicates, int accountsEvaluated,
                              int playsStarted) {

        static VendorEventReceipt of(VendorReceipt r) {
            return new VendorEventReceipt(r.event(), r.ignored(), r.reason(), r.accepted(), r.duplicates(), r.accountsEvaluated(),
                    r.playsStarted());
        }
    }

    /** A Segment call or batch: calls read, stored, duplicates, ignored, refused (each a dead letter, the first named). */
    record SegmentReceipt(int calls, int accepted, int duplicates, int ignored, int refused, int accountsEvaluated,
                          int playsStarted, List<Refusal> errors) {

        static SegmentReceipt of(SegmentResult r) {
            return new SegmentReceipt(r.calls(), r.accepted(), r.duplicates(), r.ignored(), r.refused(), r.accountsEvaluated(),
                    r.playsStarted(), r.errors() == null ? null : r.errors().stream().map(Refusal::of).toList());
        }
    }

    /** A record refused: which, the field, what is wrong. */
    record Refusal(String record, String field, String message) {

        static Refusal of(RecordError e) {
            return new Refusal(e.record(), e.field(), e.message());
        }
    }
}
