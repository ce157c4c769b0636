package dev.tenure.engine.backtest;

import dev.tenure.engine.accounts.StageChange;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.util.List;

/**
 * An account as a replay starts it: its record and contacts as they were, the milestones it had reached and
 * the plays it had run before the replayed period, its last health score then (-1 if none), the stage
 * changes its sources made during the period (oldest first), which the replay applies at their moments; while
 * it is churned, the stage it had before (null if not known), for a reactivation; and when it last moved into
 * or out of CHURNED by the start (null: never), before which a billing signal the replay goes over is history;
 * and, churned then, whether when it left is known, as live tells it ({@code AccountHistory.churnedAtAsOf}): the
 * rules' {@code Churned} is there only then.
 */
record AccountStart(Account account, List<Contact> contacts, List<Milestone> milestones, List<ReplayedRun> runs,
                    int lastHealth, List<StageChange> stageChanges, Stage stageBeforeChurn, Instant lastLifecycleMove,
                    boolean churnKnown) {

    /** One whose churn, if it is churned, is known (see {@link #churnKnown}). */
    AccountStart(Account account, List<Contact> contacts, List<Milestone> milestones, List<ReplayedRun> runs,
                 int lastHealth, List<StageChange> stageChanges, Stage stageBeforeChurn, Instant lastLifecycleMove) {
        this(account, contacts, milestones, runs, lastHealth, stageChanges, stageBeforeChurn, lastLifecycleMove, true);
    }

    AccountStart(Account account, List<Contact> contacts, List<Milestone> milestones, List<ReplayedRun> runs, int lastHealth) {
        this(account, contacts, milestones, runs, lastHealth, List.of(), null, null);
    }

    static AccountStart fresh(Account account, List<Contact> contacts) {
        return new AccountStart(account, contacts, List.of(), List.of(), -1, List.of(), null, null);
    }
}
