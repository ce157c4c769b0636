package dev.tenure.engine.plays;

import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.vocabulary.Stage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Moves a stored account between the stages of its lifecycle, in the caller's transaction: the stage through
 * {@link Accounts#changeStage} (which keeps it as history, on the timeline), and when the account churns (or comes back) the runs
 * of plays not for it stopped with the reason. Which move a signal or a source's record makes is decided by
 * {@code accounts.Lifecycle}.
 */
@Component
public class AccountLifecycle {

    /** The reason a play for churned accounts stops when the account is active again. */
    public static final String REACTIVATED = "the account was reactivated";

    private final Accounts accounts;
    private final PlayRunChanges changes;

    public AccountLifecycle(Accounts accounts, PlayRunChanges changes) {
        this.accounts = accounts;
        this.changes = changes;
    }

    /**
     * Moves the account from {@code from} to {@code to}; {@code at} is when it happened (a cancellation's own
     * time), {@code cause} what made it ("subscription cancelled", "stage from accounts.csv line 4").
     * Returns the runs stopped.
     */
    public List<Long> move(String accountId, Stage from, Stage to, Instant at, ChangeCause cause, Instant now) {
        if (!accounts.changeStage(accountId, to, at, cause) || from.active() == to.active()) {
            return List.of();
        }
        return changes.stopFor(accountId, to, to.active() ? REACTIVATED : Audience.CHURNED_ACCOUNT, now);
    }
}
