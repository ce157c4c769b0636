package dev.tenure.engine.schedule;

import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RunState;
import dev.tenure.engine.plays.StopWhen;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.UsageTrend;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides, when a step comes due, whether it still applies: days may have passed since the rule fired,
 * and a customer who has since paid, recovered or left should not get the rest of the play. Signals are
 * read from the signal store, counting only those that happened after the run started.
 */
@Component
class StillApplies {

    /** The feature whose recovery {@code usageBackTo} measures, as the usage-drop rules do. */
    static final String CORE_FEATURE = "core";

    private final PlayRuns runs;
    private final FactSets facts;
    private final JdbcClient jdbc;

    StillApplies(PlayRuns runs, FactSets facts, JdbcClient jdbc) {
        this.runs = runs;
        this.facts = facts;
        this.jdbc = jdbc;
    }

    /** Why the step no longer applies, or empty when it should run. */
    Optional<String> reasonToSkip(PlayStep step, Account account, Instant now) {
        RunState run = runs.state(step.runId()).orElseThrow();
        if (!"RUNNING".equals(run.status())) {
            return Optional.of("the play run is " + run.status().toLowerCase(java.util.Locale.ROOT));
        }
        if (billingSince(run, "SUBSCRIPTION_CANCELLED")) {
            return Optional.of("the account churned (subscription cancelled after the play started)");
        }
        Optional<String> goal = goalReached(run.stopWhen(), run, account, now).map(g -> "the play's goal is reached: " + g);
        if (goal.isPresent() || !step.definition().onlyIfPreviousDone()) {
            return goal;
        }
        return jdbc.sql("""
                        SELECT id FROM task WHERE run_id = ? AND step_id <> ? AND status <> 'DONE'
                        ORDER BY id LIMIT 1""")
                .params(step.runId(), step.id()).query(Long.class).optional()
                .map(open -> "an earlier task of this play is still open (task:" + open + ")");
    }

    private Optional<String> goalReached(StopWhen stop, RunState run, Account account, Instant now) {
        if (Boolean.TRUE.equals(stop.paymentReceived()) && billingSince(run, "INVOICE_PAID")) {
            return Optional.of("an invoice was paid after the play started");
        }
        if (stop.npsAtLeast() != null) {
            int best = jdbc.sql("""
                            SELECT coalesce(max((payload->>'score')::int), -1) FROM signal
                            WHERE account_id = ? AND kind = 'nps' AND occurred_at > ?""")
                    .params(run.accountId(), Timestamp.from(run.startedAt())).query(Integer.class).single();
            if (best >= stop.npsAtLeast()) {
                return Optional.of("an NPS answer of " + best + " (at least " + stop.npsAtLeast() + ") came in");
            }
        }
        if (stop.usageBackTo() != null) {
            Optional<UsageTrend> core = facts.load(account, now).usage(CORE_FEATURE).filter(UsageTrend::hasBaseline);
            if (core.isPresent()) {
                long percent = Math.round(100.0 * core.get().last7Days() / core.get().baselineWeekly());
                if (percent >= stop.usageBackTo()) {
                    return Optional.of("core usage is back to " + percent + "% of its baseline (at least "
                            + stop.usageBackTo() + "%)");
                }
            }
        }
        return Optional.empty();
    }

    private boolean billingSince(RunState run, String event) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM signal WHERE account_id = ? AND kind = 'billing'
                                       AND payload->>'event' = ? AND occurred_at > ?)""")
                .params(run.accountId(), event, Timestamp.from(run.startedAt())).query(Boolean.class).single();
    }
}
