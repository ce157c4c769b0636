package dev.tenure.connectors.vendors;

import dev.tenure.engine.intake.IntakeResult;

/**
 * The answer to a vendor's call: what the engine did with the event, or why it was ignored. Vendors
 * retry anything but a 2xx, so an event Tenure does not use is still answered as received.
 */
public record VendorReceipt(String event, boolean ignored, String reason, int accepted, int duplicates,
                            int accountsEvaluated, int playsStarted) {

    static VendorReceipt ignored(VendorEvent event) {
        return new VendorReceipt(event.label(), true, event.ignoredBecause(), 0, 0, 0, 0);
    }

    static VendorReceipt taken(VendorEvent event, IntakeResult result) {
        return new VendorReceipt(event.label(), false, null, result.accepted(), result.duplicates(),
                result.accountsEvaluated(), result.playsStarted());
    }

    /** In the engine's terms: an ignored event stored and evaluated nothing. */
    public IntakeResult intakeResult() {
        return new IntakeResult(accepted, duplicates, accountsEvaluated, playsStarted);
    }
}
