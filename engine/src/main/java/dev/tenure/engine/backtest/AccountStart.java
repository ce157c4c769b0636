package dev.tenure.engine.backtest;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.Stage;

import java.util.List;

/**
 * An account as a replay starts it: its record and contacts, the milestones it had reached and the plays
 * it had run before the replayed period, and its last health score then (-1 if none); while it is churned, the
 * stage it had before (null if not known), for a reactivation.
 */
record AccountStart(Account account, List<Contact> contacts, List<Milestone> milestones, List<ReplayedRun> runs,
                    int lastHealth, Stage stageBeforeChurn) {

    AccountStart(Account account, List<Contact> contacts, List<Milestone> milestones, List<ReplayedRun> runs, int lastHealth) {
        this(account, contacts, milestones, runs, lastHealth, null);
    }

    static AccountStart fresh(Account account, List<Contact> contacts) {
        return new AccountStart(account, contacts, List.of(), List.of(), -1);
    }
}
