package dev.tenure.api.backtests;

import dev.tenure.engine.backtest.TuningPlan;
import dev.tenure.engine.backtest.TuningReport;
import dev.tenure.engine.backtest.Tunings;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSets;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Runs tunings one at a time on a thread of their own and keeps the latest few with their reports, in memory,
 * as backtests are kept.
 */
@Component
class TuningRuns {

    private static final Logger log = LoggerFactory.getLogger(TuningRuns.class);
    /** A report holds a few whole rule sets; older runs are forgotten. */
    private static final int KEPT = 5;

    private final Tunings tunings;
    private final RuleSets ruleSets;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tuning");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, TuningRun> runs = new LinkedHashMap<>();

    TuningRuns(Tunings tunings, RuleSets ruleSets, Clock clock) {
        this.tunings = tunings;
        this.ruleSets = ruleSets;
        this.clock = clock;
    }

    /** Starts a tuning unless one is running. */
    synchronized TuningRun start(RuleSet base, TuningPlan plan, Instant from, Instant to, int windowDays) {
        runs.values().stream().filter(r -> r.status() == BacktestRun.Status.RUNNING).findFirst().ifPresent(r -> {
            throw new IllegalStateException("tuning " + r.id() + " is still running; one runs at a time");
        });
        String id = UUID.randomUUID().toString();
        TuningRun run = new TuningRun(id, BacktestRun.Status.RUNNING, from, to, windowDays, base.version(), clock.instant(), null,
                BacktestRun.Progress.unknown(), null, null);
        runs.put(id, run);
        while (runs.size() > KEPT) {
            runs.remove(runs.keySet().iterator().next());
        }
        // A setting's upload is the version tuned with new numbers: it replaces that version, and is refused once another
        // is in force, as it would undo it. Files never in force (posted, or a refused version's) replace whatever is.
        String replaces = ruleSets.find(base.version()).filter(v -> v.activatedAt() != null).isPresent() ? base.version() : null;
        executor.execute(() -> execute(id, base, plan, from, to, windowDays, replaces));
        return run;
    }

    synchronized Optional<TuningRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    private void execute(String id, RuleSet base, TuningPlan plan, Instant from, Instant to, int windowDays, String replaces) {
        try {
            TuningReport report = tunings.run(base, plan, from, to, windowDays,
                    (replayed, total) -> update(id, r -> new TuningRun(r.id(), r.status(), r.from(), r.to(), r.windowDays(),
                            r.ruleSet(), r.requestedAt(), r.finishedAt(), BacktestRun.Progress.of(replayed, total), null, null)));
            TuningReportBody body = TuningReportBody.of(report, replaces);
            update(id, r -> new TuningRun(r.id(), BacktestRun.Status.DONE, r.from(), r.to(), r.windowDays(), r.ruleSet(),
                    r.requestedAt(), clock.instant(), r.progress(), body, null));
        } catch (RuntimeException e) {
            log.error("Tuning {} failed", id, e);
            update(id, r -> new TuningRun(r.id(), BacktestRun.Status.FAILED, r.from(), r.to(), r.windowDays(), r.ruleSet(),
                    r.requestedAt(), clock.instant(), r.progress(), null, String.valueOf(e.getMessage())));
        }
    }

    private synchronized void update(String id, UnaryOperator<TuningRun> change) {
        runs.computeIfPresent(id, (key, run) -> change.apply(run));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
