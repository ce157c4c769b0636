package dev.tenure.engine.intake;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counting what the intake took in once it is in for good. Called inside a transaction (an intake wrapped in a
 * caller's own, as the Stripe subscriptions are), the count waits for that transaction's commit and is dropped if it
 * rolls back: a rolled-back event would otherwise be counted, and counted again when it is sent again.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code count} now outside a transaction, else once the transaction commits (never if it rolls back). */
    public static void count(Runnable count) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
            return;
        }
        count.run();
    }
}
