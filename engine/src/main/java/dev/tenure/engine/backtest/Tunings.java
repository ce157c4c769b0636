package dev.tenure.engine.backtest;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.bounds.FileTexts;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.health.ChurnReportProperties;
import dev.tenure.engine.plays.SendWindowProperties;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.rules.InvalidRuleSetException;
import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetGate;
import dev.tenure.engine.vocabulary.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Tuning on history: searches the ranges the tuning file allows ({@code rules/churn/tuning.yml}) for
 * thresholds and health numbers that would have foretold the period's cancellations better, each candidate
 * scored by a backtest. The accounts and signals are read once, in one read-only snapshot, and every candidate
 * replays them from memory.
 */
@Service
public class Tunings {

    private static final Logger log = LoggerFactory.getLogger(Tunings.class);

    private final StoredSignals signals;
    private final AccountStarts starts;
    private final AccountHistory history;
    private final EngineProperties engine;
    private final BacktestProperties backtest;
    private final TuningProperties settings;
    private final CandidateRuleSets candidates;
    private final ChurnReportProperties judgement;
    private final StepPlacement placement;
    private final TransactionTemplate snapshot;
    private final ObjectProvider<RuleSetGate> gates;
    private final Clock clock;

    Tunings(StoredSignals signals, AccountStarts starts, AccountHistory history, EngineProperties engine,
            BacktestProperties backtest, TuningProperties settings, CandidateRuleSets candidates,
            ChurnReportProperties judgement, SendWindowProperties sendWindow, PlatformTransactionManager transactions,
            ObjectProvider<RuleSetGate> gates, Clock clock) {
        this.gates = gates;
        this.clock = clock;
        this.signals = signals;
        this.starts = starts;
        this.history = history;
        this.engine = engine;
        this.backtest = backtest;
        this.settings = settings;
        this.candidates = candidates;
        this.judgement = judgement;
        this.placement = new StepPlacement(engine.defaultTimezone(), sendWindow.hours());
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** The tuning file of the rules folder ({@link TuningPlan#FILE}); an {@link InvalidTuningException} if there is none. */
    public String tuningFile() {
        Path file = engine.rulesPath().resolve(TuningPlan.FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidTuningException(List.of(TuningPlan.FILE + ":0: there is no tuning file in the rules folder ("
                    + file + "); write one to say what may be tuned"));
        }
        try {
            return FileTexts.read(file);
        } catch (FileTexts.TooLong e) {
            throw new InvalidTuningException(List.of(TuningPlan.FILE + ":" + e.line() + ": " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Reads and checks a tuning file against the rule set it would edit, before anything is replayed. */
    public TuningPlan plan(RuleSet base, String tuningText) {
        TuningPlan plan = TuningPlan.parse(TuningPlan.FILE, tuningText);
        plan.check(TuningPlan.FILE, files(base));
        return plan;
    }

    /**
     * Tunes {@code base} over [from, to) with the window (days). {@code progress} hears the signals replayed over
     * all candidates against the most the budget allows; at the end, done of done.
     */
    public TuningReport run(RuleSet base, TuningPlan plan, Instant from, Instant to, int windowDays, BacktestProgress progress) {
        BacktestReport.checkWindow(windowDays);
        ReplayPeriod.check(from, to, clock.instant(), backtest.maxDays());
        Instant historyFrom = Span.of(backtest.history()).before(from, ZoneOffset.UTC);
        List<Instant> daily = DailyTimes.between(engine.dailyEvaluation(), engine.defaultTimezone(), from, to);
        Held held = snapshot.execute(tx -> {
            long count = signals.count(historyFrom, to);
            if (count > settings.maxSignals()) {
                throw new IllegalArgumentException("from: the period and its history hold " + count + " signals; tuning holds at most "
                        + settings.maxSignals() + " in memory (tenure.backtest.tuning.max-signals): choose a shorter period");
            }
            List<Signal> all = new ArrayList<>((int) count);
            // Contact changes among the signals, each at its moment, as a backtest replays them.
            ContactChangesInOrder inOrder = new ContactChangesInOrder(history.contactChanges(historyFrom, to), all::add);
            signals.stream(historyFrom, to, inOrder::accept);
            inOrder.finish();
            return new Held(starts.asOf(from, to), all);
        });
        long inPeriod = held.signals().stream().filter(s -> !s.occurredAt().isBefore(from)).count();
        long budget = inPeriod * settings.maxCandidates();
        long[] done = new long[1];
        log.info("Tuning rule set {} from {} to {}: {} knobs, {} signals held, {} accounts, at most {} candidates",
                base.version(), from, to, plan.knobs().size(), held.signals().size(), held.seeds().size(), settings.maxCandidates());
        progress.replayed(0, budget);
        Tuner tuner = new Tuner(plan, settings.maxCandidates(), settings.timeLimit(), settings.top(), System::nanoTime);
        Map<String, String> baseFiles = files(base);
        TuningReport report = tuner.search(baseFiles, files -> {
            RuleSet candidate = files.equals(baseFiles) ? base : compile(files);
            long before = done[0];
            BacktestReport scored = replay(candidate, held, inPeriod, from, to, windowDays, daily,
                    (replayed, total) -> {
                        done[0] = before + replayed;
                        progress.replayed(done[0], budget);
                    });
            done[0] = before + inPeriod;
            return scored;
        }, (evaluated, max) -> log.info("Tuning: {} of at most {} candidates scored", evaluated, max));
        progress.replayed(done[0], done[0]);
        List<TuningReport.Setting> best = report.best().stream().map(s -> s.withUploadProblems(uploadProblems(s))).toList();
        return new TuningReport(base.version(), report.from(), report.to(), report.windowDays(), report.goal(), report.knobs(),
                report.current(), best, report.candidatesEvaluated(), report.maxCandidates(), report.stopped(),
                report.took(), report.signalsPerReplay(), report.refused());
    }

    /**
     * What an upload of the setting would be refused for, by the checks an upload passes (its own scenario tests):
     * a scenario that pins a threshold the setting moves fails, and CS ops should know before they upload, not after.
     */
    private List<String> uploadProblems(TuningReport.Setting setting) {
        RuleSet candidate = compile(setting.files());
        return RuleProblem.firstOf(gates.orderedStream().flatMap(gate -> gate.check(candidate).stream()).toList()).stream()
                .map(String::valueOf).toList();
    }

    private record Held(List<AccountStart> seeds, List<Signal> signals) {
    }

    private RuleSet compile(Map<String, String> files) {
        try {
            return candidates.compile(files);
        } catch (InvalidRuleSetException e) {
            throw new IllegalArgumentException("the rule set does not compile: "
                    + e.problems().stream().map(String::valueOf).collect(Collectors.joining("; ")), e);
        }
    }

    private BacktestReport replay(RuleSet candidate, Held held, long inPeriod, Instant from, Instant to, int windowDays,
                                  List<Instant> daily, BacktestProgress progress) {
        long started = System.nanoTime();
        ProgressReport report = new ProgressReport(progress, inPeriod, backtest.progressInterval());
        Replay replay = new Replay(candidate, candidate.health(), placement, held.seeds(), daily, from, to, backtest.workerCount());
        try {
            for (Signal signal : held.signals()) {
                replay.accept(signal);
                if (!signal.occurredAt().isBefore(from)) {
                    report.replayedOne();
                }
            }
        } catch (RuntimeException | Error e) {
            replay.abandon();
            throw e;
        }
        ReplayTally tally = replay.finish();
        report.done();
        return BacktestReport.of(candidate, from, to, windowDays, tally,
                Duration.ofNanos(System.nanoTime() - started), judgement);
    }

    static Map<String, String> files(RuleSet ruleSet) {
        Map<String, String> files = new TreeMap<>();
        for (RuleFile f : ruleSet.files().files()) {
            files.put(f.path(), f.content());
        }
        return files;
    }
}
