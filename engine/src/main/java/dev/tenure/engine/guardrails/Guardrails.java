package dev.tenure.engine.guardrails;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.SendWindow;
import dev.tenure.engine.plays.SendWindowProperties;
import dev.tenure.engine.plays.StartGuard;
import dev.tenure.engine.vocabulary.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every guardrail, decided here and nowhere else.
 * <p>
 * When a play starts ({@link #refusals}, asked by {@code PlayRuns.startAll} under the accounts' locks):
 * <ol type="a">
 *   <li>churned: a play for active accounts does not start for a churned account, nor a play for churned
 *       accounts (win-back) for an active one ({@code plays.Audience}), by the account's stored stage, read
 *       locked; a cadence's occurrences, a resume and a reopened task ask this alone ({@link #lifecycleRefusals});</li>
 *   <li>not twice: a run of the play that is running or paused for the account holds a new one back;</li>
 *   <li>cooldown: nor does a run of the play started within the play's cooldown (a cancelled one too).</li>
 * </ol>
 * When tech-touch emails are about to go out ({@link #check}: a play step's email to a customer
 * contact; internal email such as a CSM's is not checked), in this order:
 * <ol type="a" start="4">
 *   <li>unsubscribed: an address on the suppression list, or of a contact marked unsubscribed in any
 *       account, is suppressed;</li>
 *   <li>send window: a step late enough (a backlog) that now is outside its window waits for the window's
 *       next opening; a step with {@code at:} may be up to {@code at-time-tolerance} late;</li>
 *   <li>frequency cap: the {@code frequency-cap.max + 1}th email to one address within {@code .per} is
 *       suppressed, not deferred: tech-touch is best-effort and a late nudge is worse than none;</li>
 *   <li>daily limit: past {@code daily-limit} emails in a day (of {@code tenure.default-timezone}) the
 *       rest wait for the next day (in their window, or from the start of business hours in the
 *       recipient's time zone); a warning is logged once a day past {@code daily-warning} of it.</li>
 * </ol>
 * The send-time checks take a batch: one query per guardrail per batch, and earlier emails of the same
 * batch count against the cap and the limit. A step's own earlier attempts (SMTP retries) never count.
 */
@Component
public class Guardrails implements StartGuard {

    private static final Logger log = LoggerFactory.getLogger(Guardrails.class);
    private static final Span ONE_DAY = Span.ofDays(1);

    private final JdbcClient jdbc;
    private final SendHistory history;
    private final GuardrailsProperties limits;
    private final ZoneId dayZone;
    private final SendWindow.BusinessHours hours;
    private final AtomicReference<LocalDate> warnedOn = new AtomicReference<>();
    private final AtomicInteger sentToday = new AtomicInteger();
    private final MeterRegistry meters;

    @Autowired
    public Guardrails(JdbcClient jdbc, GuardrailsProperties limits, EngineProperties engine,
                      SendWindowProperties sendWindow, ObjectProvider<MeterRegistry> meters) {
        this(jdbc, new JdbcSendHistory(jdbc), limits, engine.defaultTimezone(), sendWindow.hours(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    Guardrails(JdbcClient jdbc, SendHistory history, GuardrailsProperties limits, ZoneId dayZone,
               SendWindow.BusinessHours hours, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.history = history;
        this.limits = limits;
        this.dayZone = dayZone;
        this.hours = hours;
        this.meters = meters;
        // Today's tech-touch emails as of the last check; suppressed and deferred emails are counters.
        meters.gauge("tenure.guardrails.sent.today", sentToday);
        // Registered before the first one, so a rate over them reads 0, not "no data".
        meters.counter("tenure.guardrails.suppressed");
        meters.counter("tenure.guardrails.deferred");
    }

    /** One statement for a whole group of candidates: the most telling stored run of each account and play. */
    @Override
    public List<Optional<String>> refusals(List<Candidate> candidates, Instant now) {
        List<Optional<String>> refusals = runRefusals(candidates, now);
        if (candidates.isEmpty()) {
            return refusals;
        }
        Map<String, Stage> stages = lockedStages(candidates.stream().map(Candidate::accountId).toList());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            Optional<String> lifecycle = c.audience().refusal(stages.get(c.accountId()));
            if (lifecycle.isPresent()) {
                refusals.set(i, lifecycle);
            }
        }
        return refusals;
    }

    @Override
    public List<Optional<String>> runRefusals(List<Candidate> candidates, Instant now) {
        List<Optional<String>> refusals = new ArrayList<>(Collections.nCopies(candidates.size(), Optional.empty()));
        if (candidates.isEmpty()) {
            return refusals;
        }
        jdbc.sql("""
                        SELECT q.n, r.status, r.started_at
                        FROM unnest(?::text[], ?::text[], ?::timestamptz[]) WITH ORDINALITY AS q(account_id, play_id, since, n)
                        CROSS JOIN LATERAL (
                            SELECT status, started_at FROM play_run WHERE account_id = q.account_id AND play_id = q.play_id
                              AND (status IN ('RUNNING', 'PAUSED') OR started_at > q.since)
                            ORDER BY (status IN ('RUNNING', 'PAUSED')) DESC, started_at DESC LIMIT 1) r""")
                .params(candidates.stream().map(Candidate::accountId).toArray(String[]::new),
                        candidates.stream().map(Candidate::playId).toArray(String[]::new),
                        // A day more than the cooldown: only the latest run decides, by its own cooldownEnds (a day
                        // counted back from now and one counted on from a start differ by an hour where clocks change).
                        candidates.stream().map(c -> Timestamp.from(ONE_DAY.before(c.cooldown().before(now, c.zone()), c.zone())))
                                .toArray(Timestamp[]::new))
                .query(rs -> {
                    int i = rs.getInt(1) - 1;
                    refusals.set(i, refusal(RunStatus.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(), candidates.get(i), now));
                });
        return refusals;
    }

    @Override
    public Map<String, String> lifecycleRefusals(Collection<String> accountIds, Audience audience) {
        Map<String, String> refusals = new HashMap<>();
        lockedStages(accountIds).forEach((id, stage) -> audience.refusal(stage).ifPresent(why -> refusals.put(id, why)));
        return refusals;
    }

    /**
     * The stored stage of each of these accounts, their rows locked FOR SHARE in id order (as evaluations lock them)
     * until the transaction ends: no stage can change under a start, and a change being written is waited for.
     */
    private Map<String, Stage> lockedStages(Collection<String> accountIds) {
        Map<String, Stage> stages = new HashMap<>();
        jdbc.sql("SELECT id, stage FROM account WHERE id = ANY(?) ORDER BY id FOR SHARE")
                .param(accountIds.stream().distinct().toArray(String[]::new))
                .query(rs -> {
                    stages.put(rs.getString(1), Stage.valueOf(rs.getString(2)));
                });
        return stages;
    }

    /** Why the stored run of the play that tells most holds a new one back, if it does. */
    private static Optional<String> refusal(RunStatus status, Instant startedAt, Candidate candidate, Instant now) {
        if (status.live()) {
            return Optional.of("a run of the play is " + status.name().toLowerCase(Locale.ROOT) + " (started at " + startedAt + ")");
        }
        if (candidate.cooldown().isZero()) {
            // Without a cooldown an ended run holds nothing back; and PostgreSQL rounds a start to the microsecond,
            // so one made a moment ago may read as after now.
            return Optional.empty();
        }
        Instant until = candidate.cooldownEnds(startedAt);
        return until.isAfter(now)
                ? Optional.of("a run started at " + startedAt + ", within the cooldown of " + candidate.cooldown().words()
                        + " (until " + until + ")")
                : Optional.empty();
    }

    /** One verdict per email, in order. Call inside the transaction that holds the steps' locks. */
    public List<SendVerdict> check(List<TechTouchEmail> emails, Instant now) {
        if (emails.isEmpty()) {
            return List.of();
        }
        List<Long> steps = emails.stream().map(TechTouchEmail::stepId).toList();
        List<String> addresses = emails.stream().map(e -> address(e.address())).distinct().toList();
        Map<String, String> unsubscribed = history.unsubscribed(addresses);
        // The cap's days are days of the default time zone's calendar, as the daily limit's are.
        Span per = Span.of(limits.frequencyCap().per());
        Map<String, Integer> recent = new HashMap<>(history.sentTo(addresses, per.before(now, dayZone), steps));
        LocalDate today = now.atZone(dayZone).toLocalDate();
        int sent = history.sent(today.atStartOfDay(dayZone).toInstant(), steps);

        List<SendVerdict> verdicts = new ArrayList<>(emails.size());
        for (TechTouchEmail email : emails) {
            String address = address(email.address());
            SendVerdict verdict;
            if (unsubscribed.containsKey(address)) {
                verdict = SendVerdict.suppress(unsubscribed.get(address));
            } else if (!inWindow(email, now)) {
                verdict = SendVerdict.defer(email.window().earliest(now, email.zone(), hours),
                        "outside its send window in " + email.zone() + " (late by a backlog)");
            } else if (recent.getOrDefault(address, 0) >= limits.frequencyCap().max()) {
                verdict = SendVerdict.suppress("frequency cap: " + address + " already had " + limits.frequencyCap().max()
                        + " tech-touch emails within " + per.words());
            } else if (sent >= limits.dailyLimit()) {
                verdict = SendVerdict.defer(tomorrow(email, today),
                        "daily limit of " + limits.dailyLimit() + " tech-touch emails reached");
            } else {
                verdict = SendVerdict.SEND;
                recent.merge(address, 1, Integer::sum);
                sent++;
            }
            if (verdict.decision() != SendVerdict.Decision.SEND) {
                meters.counter(verdict.decision() == SendVerdict.Decision.SUPPRESS
                        ? "tenure.guardrails.suppressed" : "tenure.guardrails.deferred").increment();
            }
            verdicts.add(verdict);
        }
        sentToday.set(sent);
        warnNearLimit(today, sent);
        return verdicts;
    }

    private void warnNearLimit(LocalDate today, int sent) {
        if (sent >= limits.dailyLimit() * limits.dailyWarning() && !today.equals(warnedOn.getAndSet(today))) {
            log.warn("Tech-touch emails today ({}): {} of the daily limit of {} (tenure.guardrails.daily-limit); "
                    + "past the limit the rest wait for tomorrow", today, sent, limits.dailyLimit());
        }
    }

    /**
     * When a step held back by the daily limit is due again: the next day, in its send window, or for a step
     * without one at the start of business hours in the recipient's time zone, so the held-back emails do
     * not all go out at midnight.
     */
    private Instant tomorrow(TechTouchEmail email, LocalDate today) {
        Instant nextDay = today.plusDays(1).atStartOfDay(dayZone).toInstant();
        SendWindow window = email.window().anyTime() ? new SendWindow(false, false, hours.start()) : email.window();
        return window.earliest(nextDay, email.zone(), hours);
    }

    /** In its window now, or a step with an {@code at:} time that is only a little late. */
    private boolean inWindow(TechTouchEmail email, Instant now) {
        SendWindow window = email.window();
        if (window.anyTime() || window.earliest(now, email.zone(), hours).equals(now)) {
            return true;
        }
        return window.at() != null && !now.isAfter(email.dueAt().plus(limits.atTimeTolerance()));
    }

    static String address(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
