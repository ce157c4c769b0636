package dev.tenure.api.backtests;

import dev.tenure.engine.backtest.BacktestReport;
import dev.tenure.engine.backtest.Backtests;
import dev.tenure.engine.rules.RuleSet;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Runs backtests one at a time on a thread of their own and keeps the latest few with their reports,
 * in memory: a backtest writes nothing, and a report is cheap to make again.
 */
@Component
class BacktestRuns {

    private static final Logger log = LoggerFactory.getLogger(BacktestRuns.class);
    /** Reports can be large (every account alerted); older runs are forgotten. */
    private static final int KEPT = 20;

    private final Backtests backtests;
    private final Clock clock;
    private final Executor executor;
    private final Map<String, BacktestRun> runs = new LinkedHashMap<>();
    /** The engine's reports of the runs kept, for the alerts CSV. */
    private final Map<String, BacktestReport> reports = new LinkedHashMap<>();

    @Autowired
    BacktestRuns(Backtests backtests, Clock clock) {
        this(backtests, clock, Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "backtest");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** {@code executor} runs each backtest; tests hold them back to see one running. */
    BacktestRuns(Backtests backtests, Clock clock, Executor executor) {
        this.backtests = backtests;
        this.clock = clock;
        this.executor = executor;
    }

    /** Starts a backtest with the default window unless one is running. */
    BacktestRun start(Instant from, Instant to, RuleSet ruleSet) {
        return start(from, to, BacktestReport.DEFAULT_WINDOW_DAYS, ruleSet);
    }

    /** Starts a backtest unless one is running. */
    synchronized BacktestRun start(Instant from, Instant to, int windowDays, RuleSet ruleSet) {
        runs.values().stream().filter(r -> r.status() == BacktestRun.Status.RUNNING).findFirst().ifPresent(r -> {
            throw new IllegalStateException("backtest " + r.id() + " is still running; one runs at a time");
        });
        String id = UUID.randomUUID().toString();
        BacktestRun run = new BacktestRun(id, BacktestRun.Status.RUNNING, from, to, windowDays, ruleSet.version(),
                clock.instant(), null, BacktestRun.Progress.unknown(), null, null);
        put(run);
        executor.execute(() -> execute(id, from, to, windowDays, ruleSet));
        return run;
    }

    synchronized Optional<BacktestRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    synchronized List<BacktestRun> list() {
        return List.copyOf(runs.values());
    }

    /** The engine's report of a finished run that is still kept. */
    synchronized Optional<BacktestReport> report(String id) {
        return Optional.ofNullable(reports.get(id));
    }

    private void execute(String id, Instant from, Instant to, int windowDays, RuleSet ruleSet) {
        try {
            BacktestReport report = backtests.run(ruleSet, from, to, windowDays,
                    (replayed, total) -> update(id, r -> withProgress(r, BacktestRun.Progress.of(replayed, total))));
            BacktestReportBody body = BacktestReportBody.of(id, report);
            synchronized (this) {
                if (runs.containsKey(id)) {
                    reports.put(id, report);
                }
            }
            update(id, r -> new BacktestRun(r.id(), BacktestRun.Status.DONE, r.from(), r.to(), r.windowDays(), r.ruleSet(),
                    r.requestedAt(), clock.instant(), r.progress(), body, null));
        } catch (RuntimeException e) {
            log.error("Backtest {} failed", id, e);
            update(id, r -> new BacktestRun(r.id(), BacktestRun.Status.FAILED, r.from(), r.to(), r.windowDays(), r.ruleSet(),
                    r.requestedAt(), clock.instant(), r.progress(), null, String.valueOf(e.getMessage())));
        }
    }

    private static BacktestRun withProgress(BacktestRun r, BacktestRun.Progress progress) {
        return new BacktestRun(r.id(), r.status(), r.from(), r.to(), r.windowDays(), r.ruleSet(), r.requestedAt(),
                r.finishedAt(), progress, r.report(), r.error());
    }

    private synchronized void update(String id, UnaryOperator<BacktestRun> change) {
        runs.computeIfPresent(id, (key, run) -> change.apply(run));
    }

    private void put(BacktestRun run) {
        runs.put(run.id(), run);
        while (runs.size() > KEPT) {
            String oldest = runs.keySet().iterator().next();
            if (runs.get(oldest).status() == BacktestRun.Status.RUNNING) {
                break;
            }
            runs.remove(oldest);
            reports.remove(oldest);
        }
    }

    @PreDestroy
    void stop() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
