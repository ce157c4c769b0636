package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One account's stage while a replay (a backtest, a health backfill) goes through its past in the order things
 * happened, moved as the live engine moved it: by its sources' stage changes at their moments, by its cancellations
 * and reactivations ({@link Lifecycle#onBilling}), and by whatever else the replay moves (a candidate rule). A replay
 * starts it with the stage of its first moment, so it may go over billing signals older than that stage: one older
 * than the account's last move into or out of CHURNED is history there, as it is live.
 */
public final class ReplayedStage {

    /** Told of each move, at its moment: a replay that keeps more of the account (its play runs) follows it. */
    @FunctionalInterface
    public interface Moves {
        void moved(Stage from, Stage to, Instant at);

        Moves NONE = (from, to, at) -> {
        };
    }

    /** The stage changes its sources made during the replay, oldest first, applied when the replay reaches them. */
    private final Deque<StageChange> sourceChanges;
    private final Moves moves;
    private Stage stage;
    /** The stage the account had before it churned, while it is churned. */
    private Stage beforeChurn;
    /** When it last moved into or out of CHURNED, whoever moved it; null when it never did. */
    private Instant lastMove;
    /** When a source first named it, if during the replay: a churn by that source then is no known moment of leaving. */
    private final Instant firstNamed;
    /** False while it is churned since a moment not known (see {@link #churnedAt}). */
    private boolean churnKnown;

    /**
     * @param stage         the stage at the replay's first moment
     * @param beforeChurn   while churned then, the stage it had before (null if not known), for a reactivation
     * @param lastMove      its last move into or out of CHURNED by then ({@link AccountHistory#lastLifecycleMovesAsOf})
     * @param sourceChanges its sources' stage changes during the replay, oldest first ({@link #bySource})
     */
    public ReplayedStage(Stage stage, Stage beforeChurn, Instant lastMove, List<StageChange> sourceChanges, Moves moves) {
        this(stage, beforeChurn, lastMove, true, sourceChanges, moves);
    }

    /**
     * @param churnKnown while churned at the replay's first moment, whether when it left is known
     *                   ({@link AccountHistory#churnedAtAsOf}): not for one a source churned as it first named it
     *                   before the replay, whose {@code lastMove} is that churn
     */
    public ReplayedStage(Stage stage, Stage beforeChurn, Instant lastMove, boolean churnKnown, List<StageChange> sourceChanges,
                         Moves moves) {
        this.churnKnown = churnKnown;
        this.stage = stage;
        this.beforeChurn = beforeChurn;
        this.lastMove = lastMove;
        this.sourceChanges = new ArrayDeque<>(sourceChanges);
        this.moves = moves;
        this.firstNamed = sourceChanges.stream().filter(c -> c.from() == null).map(StageChange::occurredAt).findFirst().orElse(null);
    }

    /**
     * The stage changes a replay takes from history, by account, in the order given: its sources' only. A rule's
     * moves are the rules' to make again, if the replay runs rules; the lifecycle's are made again by the billing
     * signals replayed, which hold the ones live applied and those it did not (an old one imported late).
     */
    public static Map<String, List<StageChange>> bySource(Collection<StageChange> changes) {
        return byAccount(changes, EnumSet.of(ChangeOrigin.SOURCE));
    }

    /**
     * The stage changes a replay that runs no rules (a health backfill) takes from history, by account, in the order
     * given: its sources' and its rules' churns. A rule that churned the account is not run again there, so its move
     * is history as a source's is; the lifecycle's are made again by the billing signals replayed. A rule's other
     * moves are left out: a rule never brings a churned account back, yet its move made live before a cancellation
     * that was imported later, dated earlier, would do so here.
     */
    public static Map<String, List<StageChange>> bySourceOrRule(Collection<StageChange> changes) {
        return byAccount(changes, change -> change.origin() == ChangeOrigin.SOURCE
                || change.origin() == ChangeOrigin.RULE && change.to() == Stage.CHURNED);
    }

    private static Map<String, List<StageChange>> byAccount(Collection<StageChange> changes, Set<ChangeOrigin> taken) {
        return byAccount(changes, change -> taken.contains(change.origin()));
    }

    private static Map<String, List<StageChange>> byAccount(Collection<StageChange> changes,
                                                            java.util.function.Predicate<StageChange> taken) {
        Map<String, List<StageChange>> byAccount = new HashMap<>();
        for (StageChange change : changes) {
            if (taken.test(change)) {
                byAccount.computeIfAbsent(change.accountId(), id -> new ArrayList<>()).add(change);
            }
        }
        return byAccount;
    }

    /**
     * The stage after these signals, applied in the order they happened, those that have happened by {@code now}
     * only, from {@code start}: for a scenario, whose account is given with its signals.
     */
    public static ReplayedStage after(Stage start, List<? extends Signal> signals, Instant now) {
        ReplayedStage replayed = new ReplayedStage(start, null, null, List.of(), Moves.NONE);
        signals.stream().filter(s -> Lifecycle.hasHappened(s.occurredAt(), now))
                .sorted(Comparator.comparing(Signal::occurredAt)).forEach(replayed::add);
        return replayed;
    }

    public Stage current() {
        return stage;
    }

    /**
     * When the account moved into CHURNED, while it is churned and that is known (the rules' {@code Churned}); null
     * for one that was churned when the replay began without a move before it, and for one a source churned as it
     * first named it ({@link AccountHistory#churnedAt}).
     */
    public Instant churnedAt() {
        return stage == Stage.CHURNED && churnKnown ? lastMove : null;
    }

    /** Applies the sources' stage changes made by this moment, each at its own. */
    public void reach(Instant moment) {
        while (!sourceChanges.isEmpty() && !sourceChanges.peek().occurredAt().isAfter(moment)) {
            StageChange change = sourceChanges.poll();
            if (change.to() != stage) {
                move(change.to(), change.occurredAt());
                churnKnown = change.to() != Stage.CHURNED || !change.occurredAt().equals(firstNamed);
            }
        }
    }

    /**
     * A signal, at its moment: the sources' changes made by then first, so a source's churn and a later reactivation
     * end as they did live; then its cancellation or reactivation, if it has one that is not history.
     */
    public void add(Signal signal) {
        reach(signal.occurredAt());
        BillingEvent event = Lifecycle.event(signal);
        if (event != null) {
            Lifecycle.onBilling(event, signal.occurredAt(), stage, beforeChurn, lastMove)
                    .ifPresent(next -> move(next, signal.occurredAt()));
        }
    }

    /**
     * Whether taking this signal in may move the account: a source's stage change is due by its moment, or it is a
     * cancellation or reactivation that is not history. Asks, moves nothing.
     */
    public boolean movesAt(Signal signal) {
        if (!sourceChanges.isEmpty() && !sourceChanges.peek().occurredAt().isAfter(signal.occurredAt())) {
            return true;
        }
        BillingEvent event = Lifecycle.event(signal);
        return event != null && Lifecycle.onBilling(event, signal.occurredAt(), stage, beforeChurn, lastMove).isPresent();
    }

    /** Moves the account to {@code to} at {@code at}, whatever moved it. */
    public void move(Stage to, Instant at) {
        Stage was = stage;
        stage = to;
        churnKnown = true;
        if (was.active() != to.active()) {
            beforeChurn = was.active() ? was : null;
            lastMove = at;
        }
        moves.moved(was, to, at);
    }
}
