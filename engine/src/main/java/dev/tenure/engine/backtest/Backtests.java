package dev.tenure.engine.backtest;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.health.ChurnReportProperties;
import dev.tenure.engine.plays.SendWindowProperties;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.rules.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Replays the signals stored for a period through a candidate rule set, in event time, with nothing
 * stored or sent, and reports what each rule would have started and how well the churn rules foretold
 * real cancellations. Everything is read in one read-only snapshot, so signals arriving meanwhile do not
 * half-appear.
 */
@Service
public class Backtests {

    private static final Logger log = LoggerFactory.getLogger(Backtests.class);

    private final StoredSignals signals;
    private final AccountStarts starts;
    private final AccountHistory history;
    private final EngineProperties engine;
    private final BacktestProperties settings;
    private final StepPlacement placement;
    private final TransactionTemplate snapshot;
    private final ChurnReportProperties judgement;
    private final Clock clock;

    Backtests(StoredSignals signals, AccountStarts starts, AccountHistory history, EngineProperties engine,
              BacktestProperties settings, SendWindowProperties sendWindow, PlatformTransactionManager transactions,
              ChurnReportProperties judgement, Clock clock) {
        this.judgement = judgement;
        this.clock = clock;
        this.signals = signals;
        this.starts = starts;
        this.history = history;
        this.engine = engine;
        this.settings = settings;
        this.placement = new StepPlacement(engine.defaultTimezone(), sendWindow.hours());
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Replays [from, to) with the default window ({@value BacktestReport#DEFAULT_WINDOW_DAYS} days). */
    public BacktestReport run(RuleSet candidate, Instant from, Instant to, BacktestProgress progress) {
        return run(candidate, from, to, BacktestReport.DEFAULT_WINDOW_DAYS, progress);
    }

    /**
     * Replays [from, to); the 91 days before {@code from} (tenure.backtest.history) are read as history only.
     * An alert catches a cancellation when it came at most {@code windowDays} (1..365) before it. Only the past can be
     * replayed: a {@code to} after now is refused here, whoever asks, since days to come would count as days without
     * a signal and every account would look idle ({@link ReplayPeriod} says so to people before a run is started).
     *
     * @throws IllegalArgumentException naming {@code to} when it is not after {@code from} or is after now
     */
    public BacktestReport run(RuleSet candidate, Instant from, Instant to, int windowDays, BacktestProgress progress) {
        BacktestReport.checkWindow(windowDays);
        ReplayPeriod.check(from, to, clock.instant(), settings.maxDays());
        List<Instant> daily = DailyTimes.between(engine.dailyEvaluation(), engine.defaultTimezone(), from, to);
        long started = System.nanoTime();
        ReplayTally tally = snapshot.execute(tx -> replay(candidate, starts.asOf(from, to), from, to, daily, progress));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        BacktestReport report = BacktestReport.of(candidate, from, to, windowDays, tally, took, judgement);
        log.info("Backtest of rule set {} from {} to {}: {} signals replayed in {} s ({} signals/s), {} evaluations, {} cancellations",
                candidate.version(), from, to, report.signalsReplayed(), took.toMillis() / 1000.0, report.signalsPerSecond(),
                report.evaluations(), report.cancellations().size());
        return report;
    }

    private ReplayTally replay(RuleSet candidate, List<AccountStart> seeds, Instant from, Instant to, List<Instant> daily,
                               BacktestProgress progress) {
        long total = signals.count(from, to);
        log.info("Backtest of rule set {} from {} to {}: {} signals, {} accounts, {} daily evaluation times",
                candidate.version(), from, to, total, seeds.size(), daily.size());
        ProgressReport report = new ProgressReport(progress, total, settings.progressInterval());
        Replay replay = new Replay(candidate, candidate.health(), placement, seeds, daily, from, to, settings.workerCount());
        Instant historyFrom = Span.of(settings.history()).before(from, ZoneOffset.UTC);
        // Contact changes are replayed among the signals, each at its moment, as the events they were live.
        ContactChangesInOrder inOrder = new ContactChangesInOrder(history.contactChanges(historyFrom, to), replay::accept);
        try {
            signals.stream(historyFrom, to, signal -> {
                inOrder.accept(signal);
                if (!signal.occurredAt().isBefore(from)) {
                    report.replayedOne();
                }
            });
            inOrder.finish();
        } catch (RuntimeException | Error e) {
            replay.abandon();
            throw e;
        }
        ReplayTally tally = replay.finish();
        report.done();
        return tally;
    }
}
