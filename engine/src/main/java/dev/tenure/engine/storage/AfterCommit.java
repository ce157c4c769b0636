package dev.tenure.engine.storage;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What must happen only once the caller's work is in for good: waking the scheduler for steps the transaction wrote
 * (they are not visible before it commits), counting what the intake took in (a rolled-back event would be counted,
 * and counted again when it is sent again).
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} now outside a transaction, else once the transaction commits (never if it rolls back). */
    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
            return;
        }
        action.run();
    }
}
