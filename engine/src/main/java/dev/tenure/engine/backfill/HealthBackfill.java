package dev.tenure.engine.backfill;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.accounts.ReplayedStage;
import dev.tenure.engine.accounts.StageChange;
import dev.tenure.engine.backtest.BacktestProperties;
import dev.tenure.engine.backtest.DailyTimes;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.facts.FactSettings;
import dev.tenure.engine.facts.SignalHistory;
import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.intake.SignalPayloads;
import dev.tenure.engine.storage.AdvisoryLock;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores every account's health once a day over a past period from the signals stored, as the live daily
 * evaluation would have scored it then: at each daily evaluation time ({@code tenure.daily-evaluation}),
 * with the facts rolled up by {@link SignalHistory} from the signals that had happened by that moment (the
 * roll-up backtests use) and the given health model. A day a live evaluation already scored an account is
 * left alone (its score carries on as the next day's previous); so are the days before an account started
 * and those it was churned: after its cancellation, a source's stage CHURNED or a rule's move there, until a reactivation
 * or a source's other stage brings it back (the live engine's lifecycle rules). The scores are stored as
 * {@code origin = BACKFILL}, at the daily time, and a rerun over the same days replaces them: everything in
 * one transaction, so readers see the old scores or the new, never half; each score's {@code previous} from the period's
 * first day to the first score after it is then the score stored before it, whatever run or live evaluation stored
 * it; and one backfill at a time, whichever node
 * runs it, so two over the same days leave one score a day.
 * <p>
 * Usage is read from {@code tenure.backtest.history} before the period (the usage windows reach no further), and
 * before that each account's last day of use of each feature in a year ({@code SignalPayloads.LAST_USE_BEFORE}), so
 * an account idle for months is idle however far back the backfill starts; every other signal from the start, since
 * an NPS answer or an open ticket counts however old it is.
 * Contacts and stages are as they were at each daily time ({@code AccountHistory}: those of the start, with each
 * later change applied from its moment). Health reads no stage, but whether the account was churned then decides
 * whether it is scored: its sources' and rules' stage changes and its cancellations and reactivations move it in the order
 * they happened, and one of those signals older than its last move into or out of CHURNED before the period is
 * history ({@link ReplayedStage}, as backtests replay it).
 */
@Service
public class HealthBackfill {

    private static final Logger log = LoggerFactory.getLogger(HealthBackfill.class);

    private static final String SIGNALS = "SELECT " + SignalPayloads.SIGNAL_COLUMNS
            + " FROM signal WHERE occurred_at < ? AND (kind <> 'usage' OR occurred_at >= ?)"
            + " UNION ALL SELECT " + SignalPayloads.USAGE_COLUMNS
            + " FROM usage_event WHERE occurred_at >= ? AND occurred_at < ?"
            + " UNION ALL " + SignalPayloads.LAST_USE_BEFORE + " ORDER BY occurred_at, id";

    /** Told how far a backfill is: daily times done out of all. */
    @FunctionalInterface
    public interface Progress {
        void days(int done, int total);

        Progress NONE = (done, total) -> {
        };
    }

    private final JdbcTemplate jdbc;
    private final SignalPayloads payloads;
    private final Accounts accounts;
    private final AccountHistory history;
    private final HealthScores scores;
    private final EngineProperties engine;
    private final BacktestProperties backtest;
    private final Clock clock;
    private final TransactionTemplate transaction;

    HealthBackfill(DataSource dataSource, SignalPayloads payloads, Accounts accounts, AccountHistory history, HealthScores scores,
                   EngineProperties engine, BacktestProperties backtest, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(backtest.fetchSize());
        this.payloads = payloads;
        this.accounts = accounts;
        this.history = history;
        this.scores = scores;
        this.engine = engine;
        this.backtest = backtest;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Backfills the days [from, to) of {@code tenure.default-timezone}, up to now, with this health model.
     *
     * @throws IllegalArgumentException naming {@code to} when the period holds no daily time before now
     */
    public HealthBackfillReport run(LocalDate from, LocalDate to, HealthModel model, Progress progress) {
        return run(from, to, model, FactSettings.DEFAULTS, progress);
    }

    /** The same, with point-in-time facts aged by a rule set's {@code settings}, as its evaluations age them. */
    public HealthBackfillReport run(LocalDate from, LocalDate to, HealthModel model, FactSettings settings, Progress progress) {
        ZoneId zone = engine.defaultTimezone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Instant end = to.atStartOfDay(zone).toInstant();
        end = end.isAfter(now) ? now : end;
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("to: " + to + " must be after from (" + from + "), and from before now");
        }
        List<Instant> times = DailyTimes.between(engine.dailyEvaluation(), zone, start, end);
        long began = System.nanoTime();
        Instant until = end;
        HealthBackfillReport report = withMillis(transaction.execute(tx -> backfill(from, to, start, until, times, zone, model,
                settings, progress)), (System.nanoTime() - began) / 1_000_000);
        log.info("Health backfill {} to {}: {} scores over {} days for {} accounts ({} earlier backfilled scores replaced, "
                        + "{} account-days kept as scored live), {} signals read, {} s", from, to, report.written(),
                report.days(), report.accounts(), report.replaced(), report.liveKept(), report.signalsRead(),
                report.millis() / 1000.0);
        return report;
    }

    private HealthBackfillReport backfill(LocalDate from, LocalDate to, Instant start, Instant end, List<Instant> times,
                                          ZoneId zone, HealthModel model, FactSettings settings, Progress progress) {
        // One backfill at a time across nodes: two over the same days would each delete only what the other had
        // committed and both insert, two scores a day. Taken first, so everything read after it sees the other's scores.
        AdvisoryLock.HEALTH_BACKFILL.takeForTransaction(JdbcClient.create(jdbc));
        // The days are known from here: told now, not after the first day, since reading the history takes a while.
        progress.days(0, times.size());
        Map<String, Scored> scored = new LinkedHashMap<>();
        List<Account> all = accounts.list(null, Integer.MAX_VALUE, 0);
        // Contacts as they were at the start; each later change counts from its moment (SignalHistory applies it).
        Map<String, List<Contact>> people = history.contactsAsOf(null, start);
        Map<String, Integer> before = scores.latestBefore(start);
        // The stage as it was, if history has it; otherwise the account's signals, all replayed from the first,
        // churn it at its cancellation as they did live. Its sources' and rules' later changes count from their moments
        // (no rule runs here to churn it again), and a billing signal older than its last move by then is history, as
        // it was live.
        Map<String, Stage> stages = history.stagesAsOf(null, start);
        Map<String, Instant> lastMoves = history.lastLifecycleMovesAsOf(start);
        Map<String, List<StageChange>> stageChanges = ReplayedStage.bySourceOrRule(history.stageChanges(start, end));
        for (Account a : all) {
            Stage then = stages.getOrDefault(a.id(), a.stage() == Stage.CHURNED ? Lifecycle.REACTIVATED_STAGE : a.stage());
            ReplayedStage stage = new ReplayedStage(then, null, lastMoves.get(a.id()),
                    stageChanges.getOrDefault(a.id(), List.of()), ReplayedStage.Moves.NONE);
            scored.put(a.id(), new Scored(a, people.getOrDefault(a.id(), List.of()), before.getOrDefault(a.id(), -1), stage));
        }
        history.contactChanges(start, end).forEach(change -> {
            Scored account = scored.get(change.accountId());
            if (account != null) {
                account.addContactChange(change);
            }
        });
        Map<String, Integer> live = new HashMap<>();
        for (HealthScores.Scored s : scores.live(start, end)) {
            live.put(s.accountId() + "|" + LocalDate.ofInstant(s.computedAt(), zone), s.score());
        }
        int replaced = scores.deleteBackfilled(start, end);
        Tally tally = new Tally(times, zone, model, settings, live, progress);
        if (!times.isEmpty()) {
            Instant usageFrom = Span.of(backtest.history()).before(start, ZoneOffset.UTC);
            Object[] lastUse = SignalPayloads.lastUseBefore(usageFrom);
            jdbc.query(SIGNALS, rs -> {
                Signal signal = payloads.read(rs);
                if (signal.occurredAt() == null || signal.accountId() == null) {
                    // Not one the intake stored (it checks both): it cannot be placed in anyone's history.
                    tally.unplaced++;
                    return;
                }
                tally.reached(signal.occurredAt(), scored.values());
                Scored account = scored.get(signal.accountId());
                if (account != null) {
                    account.add(signal);
                }
                tally.signals++;
            }, Timestamp.from(end), Timestamp.from(usageFrom), Timestamp.from(usageFrom), Timestamp.from(end),
                    lastUse[0], lastUse[1]);
            tally.reached(end, scored.values());
        }
        // The scores replaced were some later score's previous: the first after the period (a shorter rerun leaves
        // the earlier run's next day), or a live one in it.
        scores.relinkPrevious(start, end);
        if (tally.unplaced > 0) {
            log.warn("Health backfill {} to {}: {} stored signals without a time or an account were left out", from, to,
                    tally.unplaced);
        }
        return new HealthBackfillReport(from, to, times.isEmpty() ? null : times.get(0),
                times.isEmpty() ? null : times.get(times.size() - 1), times.size(), tally.accounts.size(), tally.written,
                replaced, tally.liveKept, tally.signals, 0);
    }

    private static HealthBackfillReport withMillis(HealthBackfillReport r, long millis) {
        return new HealthBackfillReport(r.from(), r.to(), r.firstTime(), r.lastTime(), r.days(), r.accounts(), r.written(),
                r.replaced(), r.liveKept(), r.signalsRead(), millis);
    }

    /** Scores the daily times as the signals pass them, and counts. */
    private final class Tally {
        final List<Instant> times;
        final ZoneId zone;
        final HealthModel model;
        final FactSettings settings;
        final Map<String, Integer> live;
        final Progress progress;
        final Set<String> accounts = new HashSet<>();
        int next;
        int written;
        int liveKept;
        long signals;
        long unplaced;

        Tally(List<Instant> times, ZoneId zone, HealthModel model, FactSettings settings, Map<String, Integer> live,
              Progress progress) {
            this.settings = settings;
            this.times = times;
            this.zone = zone;
            this.model = model;
            this.live = live;
            this.progress = progress;
        }

        /** Scores every daily time before this moment: a signal at the daily time itself counts on that day, as live. */
        void reached(Instant at, Iterable<Scored> all) {
            while (next < times.size() && times.get(next).isBefore(at)) {
                Instant time = times.get(next++);
                LocalDate day = LocalDate.ofInstant(time, zone);
                List<HealthScore> batch = new ArrayList<>();
                for (Scored account : all) {
                    if (!account.liveOn(day, time)) {
                        continue;
                    }
                    Integer scoredLive = live.get(account.id() + "|" + day);
                    if (scoredLive != null) {
                        account.last = scoredLive;
                        liveKept++;
                        continue;
                    }
                    batch.add(account.score(model, settings, time));
                    accounts.add(account.id());
                }
                scores.recordBackfilled(batch);
                written += batch.size();
                progress.days(next, times.size());
            }
        }
    }

    /** One account's history so far, its last score, and whether it had churned. */
    private static final class Scored {
        final Account account;
        final List<Contact> contacts;
        final SignalHistory history = SignalHistory.replaying();
        int last;
        /** Churned or not as its sources' and rules' stage changes and its signals so far tell, by the live engine's lifecycle rules. */
        final ReplayedStage stage;

        Scored(Account account, List<Contact> contacts, int last, ReplayedStage stage) {
            this.account = account;
            this.contacts = contacts;
            this.last = last;
            this.stage = stage;
        }

        String id() {
            return account.id();
        }

        void add(Signal signal) {
            if (history.add(signal)) {
                stage.add(signal);
            }
        }

        /**
         * A contact change of the period, taken before any signal: the history applies it from its moment. Taken
         * ahead of the signals before it, it must not bring the stage to its moment.
         */
        void addContactChange(ContactSignal change) {
            history.add(change);
        }

        /** Started by this day, and not churned at this moment of it. */
        boolean liveOn(LocalDate day, Instant time) {
            stage.reach(time);
            return (account.startedOn() == null || !account.startedOn().isAfter(day)) && stage.current().active();
        }

        HealthScore score(HealthModel model, FactSettings settings, Instant time) {
            // Health reads usage, tickets, billing, surveys and contacts: no milestones, no play runs.
            HealthScore health = model.score(history.factsAsOf(account, contacts, List.of(), List.of(), settings, time), last, time);
            last = health.score();
            return health;
        }
    }
}
