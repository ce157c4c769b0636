package dev.tenure.engine.schedule;

import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RunState;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StopWhen;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.UsageTrend;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, when a step comes due, whether it still applies: days may have passed since the rule fired,
 * and a customer who has since paid, recovered or left should not get the rest of the play (a churned
 * account's runs are stopped when it churns; a step claimed meanwhile is skipped here, by the account's stage). Signals are
 * read from the signal store, counting only those that happened after the run started. A batch of steps
 * is judged with two queries (runs, and the signals since each run started), not a few per step.
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

    /** For each step that no longer applies, why; steps that should run are not in the map. */
    Map<Long, String> reasonsToSkip(List<PlayStep> steps, Map<String, Account> accounts, Instant now) {
        List<Long> runIds = steps.stream().map(PlayStep::runId).distinct().toList();
        Map<Long, RunState> states = runs.states(runIds);
        Map<Long, SinceStart> since = since(runIds);
        Map<String, Optional<UsageTrend>> coreUsage = coreUsage(steps, states, accounts, now);
        Map<Long, String> reasons = new HashMap<>();
        for (PlayStep step : steps) {
            reasonToSkip(step, states.get(step.runId()), accounts.get(step.accountId()), since.get(step.runId()),
                    coreUsage.getOrDefault(step.accountId(), Optional.empty()))
                    .ifPresent(reason -> reasons.put(step.id(), reason));
        }
        return reasons;
    }

    /**
     * The core usage trend (with a baseline) of each account whose running play stops on a usage recovery,
     * read for the whole batch in one query of the core feature's days: one fact set per step made a batch of
     * fresh save plays cost ten queries a step.
     */
    private Map<String, Optional<UsageTrend>> coreUsage(List<PlayStep> steps, Map<Long, RunState> states,
                                                        Map<String, Account> accounts, Instant now) {
        List<Account> asking = steps.stream().map(PlayStep::runId).distinct().map(states::get)
                .filter(run -> run.status() == RunStatus.RUNNING && run.stopWhen().usageBackTo() != null)
                .map(run -> accounts.get(run.accountId())).filter(Objects::nonNull).distinct().toList();
        Map<String, Optional<UsageTrend>> core = new HashMap<>();
        facts.usageTrend(asking, CORE_FEATURE, now).forEach((accountId, trend) ->
                core.put(accountId, Optional.of(trend).filter(UsageTrend::hasBaseline)));
        return core;
    }

    private Optional<String> reasonToSkip(PlayStep step, RunState run, Account account, SinceStart since,
                                          Optional<UsageTrend> coreUsage) {
        if (run.status() != RunStatus.RUNNING) {
            return Optional.of("the play run is " + run.status().name().toLowerCase(Locale.ROOT));
        }
        // Churning stops the account's runs; this holds when a step was claimed while the account churned.
        Optional<String> lifecycle = run.audience().refusal(account == null ? null : account.stage());
        if (lifecycle.isPresent()) {
            return lifecycle;
        }
        return goalReached(run.stopWhen(), since, coreUsage).map(g -> "the play's goal is reached: " + g);
    }

    /**
     * For a task step with {@code onlyIfPreviousDone}, the open earlier task that holds it back. Asked when
     * the task is about to be created, not with the batch's other checks: an earlier task of the same run
     * may have been created a moment ago, in the same batch.
     */
    Optional<String> earlierTaskOpen(PlayStep step) {
        if (!step.definition().onlyIfPreviousDone()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id FROM task WHERE run_id = ? AND step_id <> ? AND status <> 'DONE'
                        ORDER BY id LIMIT 1""")
                .params(step.runId(), step.id()).query(Long.class).optional()
                .map(open -> "an earlier task of this play is still open (task:" + open + ")");
    }

    private Optional<String> goalReached(StopWhen stop, SinceStart since, Optional<UsageTrend> coreUsage) {
        if (Boolean.TRUE.equals(stop.paymentReceived()) && since.paid()) {
            return Optional.of("an invoice was paid after the play started");
        }
        if (stop.npsAtLeast() != null && since.bestNps() >= stop.npsAtLeast()) {
            return Optional.of("an NPS answer of " + since.bestNps() + " (at least " + stop.npsAtLeast() + ") came in");
        }
        if (stop.usageBackTo() != null) {
            if (coreUsage.isPresent()) {
                long percent = Math.round(100.0 * coreUsage.get().last7Days() / coreUsage.get().baselineWeekly());
                if (percent >= stop.usageBackTo()) {
                    return Optional.of("core usage is back to " + percent + "% of its baseline (at least "
                            + stop.usageBackTo() + "%)");
                }
            }
        }
        return Optional.empty();
    }

    /** What happened at each run's account after the run started, for the checks above. */
    private Map<Long, SinceStart> since(List<Long> runIds) {
        Map<Long, SinceStart> since = new HashMap<>();
        jdbc.sql("""
                        SELECT r.id,
                               EXISTS (SELECT 1 FROM signal s WHERE s.account_id = r.account_id AND s.kind = 'billing'
                                       AND s.payload->>'event' = 'INVOICE_PAID' AND s.occurred_at > r.started_at),
                               (SELECT coalesce(max((s.payload->>'score')::int), -1) FROM signal s
                                WHERE s.account_id = r.account_id AND s.kind = 'nps' AND s.occurred_at > r.started_at)
                        FROM play_run r WHERE r.id = ANY(?)""")
                .param(runIds.toArray(Long[]::new))
                .query(rs -> {
                    since.put(rs.getLong(1), new SinceStart(rs.getBoolean(2), rs.getInt(3)));
                });
        return since;
    }

    private record SinceStart(boolean paid, int bestNps) {
    }
}
