package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an account churns and when it comes back, decided here for every place rules run (live intake,
 * scenarios, dry runs, backtests), so they cannot drift apart:
 * <ul>
 *   <li>a {@code SUBSCRIPTION_CANCELLED} billing signal, or a source giving stage {@code CHURNED}, makes an
 *       active account {@code CHURNED};</li>
 *   <li>a {@code SUBSCRIPTION_REACTIVATED} billing signal brings a churned account back to the stage it had
 *       before it churned ({@link #REACTIVATED_STAGE} when that is not known); a source giving any other
 *       stage brings back an account a source churned (not one churned by a cancellation: an export that still
 *       says VALUE must not undo it), to that stage;</li>
 *   <li>a rule ({@code playbook.moveStage}) may churn an account but never bring one back: only the customer's
 *       own billing or the system of record says a customer returned;</li>
 *   <li>a cancellation or reactivation counts once its time has come ({@link #hasHappened}), and only when it is
 *       newer than the account's last move into or out of CHURNED: an old one imported late is history.</li>
 * </ul>
 */
public final class Lifecycle {

    /** The stage a reactivated account takes when the stage it had before it churned is not known. */
    public static final Stage REACTIVATED_STAGE = Stage.ADOPTION;

    /**
     * How far ahead of the engine's clock a sender's clock may run: a cancellation or reactivation stamped up to
     * this much ahead counts as happening now. Live intake applies a lifecycle event once, when it is stored, and
     * nothing applies it again later, so one stamped further ahead is refused at the edge (intake.BatchBounds).
     */
    public static final Duration CLOCK_DRIFT = Duration.ofMinutes(5);

    private Lifecycle() {
    }

    /** Whether a cancellation or reactivation stamped {@code at} has happened by {@code now}, and so counts. */
    public static boolean hasHappened(Instant at, Instant now) {
        return !at.isAfter(latestHappened(now));
    }

    /** The latest stamp of a cancellation or reactivation that counts at {@code now}: for queries. */
    public static Instant latestHappened(Instant now) {
        return now.plus(CLOCK_DRIFT);
    }

    /** The billing event of a signal that can change an account's lifecycle, or null. */
    public static BillingEvent event(Signal signal) {
        return signal instanceof BillingSignal b && (b.event() == BillingEvent.SUBSCRIPTION_CANCELLED
                || b.event() == BillingEvent.SUBSCRIPTION_REACTIVATED) ? b.event() : null;
    }

    /** True for the billing events that churn or reactivate an account. */
    public static boolean changesLifecycle(BillingEvent event) {
        return event == BillingEvent.SUBSCRIPTION_CANCELLED || event == BillingEvent.SUBSCRIPTION_REACTIVATED;
    }

    /**
     * The stage an account at {@code current} moves to on this billing event, or empty when it stays;
     * {@code beforeChurn} is the stage it had before it churned, if known.
     */
    public static Optional<Stage> onBilling(BillingEvent event, Stage current, Stage beforeChurn) {
        if (event == BillingEvent.SUBSCRIPTION_CANCELLED && current.active()) {
            return Optional.of(Stage.CHURNED);
        }
        if (event == BillingEvent.SUBSCRIPTION_REACTIVATED && !current.active()) {
            return Optional.of(beforeChurn != null && beforeChurn.active() ? beforeChurn : REACTIVATED_STAGE);
        }
        return Optional.empty();
    }

    /**
     * As {@link #onBilling(BillingEvent, Stage, Stage)} for an event stamped {@code at}, which may arrive late:
     * {@code lastMove} is when the account last moved into or out of CHURNED, whoever moved it (a source's stage,
     * a rule, an earlier lifecycle event; null when it never did). An event older than that move is history, not
     * news, and changes nothing: a reactivation from months ago does not undo a source's newer churn, nor does an
     * old cancellation undo a source's newer return. The live intake decides so; a replay ({@link ReplayedStage})
     * too, for the signals before its start, which it goes over from the stage history gives it then.
     */
    public static Optional<Stage> onBilling(BillingEvent event, Instant at, Stage current, Stage beforeChurn, Instant lastMove) {
        return isHistory(at, lastMove) ? Optional.empty() : onBilling(event, current, beforeChurn);
    }

    /**
     * True when a cancellation or reactivation stamped {@code at} is older than the account's last move into or out
     * of CHURNED ({@code lastMove}, null when it never moved): it no longer says anything about the account now.
     */
    public static boolean isHistory(Instant at, Instant lastMove) {
        return lastMove != null && at.isBefore(lastMove);
    }

    /**
     * The stage a source's record moves a stored account to, or empty when the stored stage stays (rules move
     * stages between imports, so a source's stage is taken only when it churns or reactivates the account).
     * {@code given} is null when the record had no stage.
     */
    public static Optional<Stage> onSource(Stage given, Stage current) {
        if (given == null || given == current || given.active() == current.active()) {
            return Optional.empty();
        }
        return Optional.of(given);
    }

    /**
     * The stage an account had at a past moment, as a replay starts it: {@code latestBefore} is its latest
     * cancellation or reactivation before that moment (null: none), {@code changedSince} whether it has one since.
     * An account churned by a source, with no cancellation signal, stays as stored: when it churned is not known.
     */
    public static Stage stageAt(Stage stored, Stage beforeChurn, BillingEvent latestBefore, boolean changedSince) {
        if (latestBefore == BillingEvent.SUBSCRIPTION_CANCELLED) {
            return Stage.CHURNED;
        }
        if (stored.active() || latestBefore == null && !changedSince) {
            return stored;
        }
        return beforeChurn != null && beforeChurn.active() ? beforeChurn : REACTIVATED_STAGE;
    }

    /** The stage a rule's {@code playbook.moveStage} moves an account to, or empty when the move does not apply. */
    public static Optional<Stage> onRule(Stage to, Stage current) {
        return to == current || !current.active() ? Optional.empty() : Optional.of(to);
    }
}
