package dev.tenure.engine.intake;

/**
 * Counting what the intake took in once it is in for good, for the intake and for the connectors that count around it
 * (the connectors reach the engine through the intake). Called inside a transaction (an intake wrapped in a caller's
 * own, as the Stripe subscriptions are), the count waits for that transaction's commit and is dropped if it rolls back.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code count} now outside a transaction, else once the transaction commits (never if it rolls back). */
    public static void count(Runnable count) {
        dev.tenure.engine.storage.AfterCommit.run(count);
    }
}
