package dev.tenure.engine.backfill;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.intake.ImportedHistory;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSet;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Runs health backfills one at a time, in the order asked, on a thread of their own, with the health model
 * of the rule set in force; keeps the latest few in memory with their reports (the scores themselves are
 * in the database). Imports ask through {@link #afterImport}: while an import's backfill still waits, the
 * next import widens it rather than queueing another.
 */
@Component
public class HealthBackfills implements ImportedHistory {

    private static final Logger log = LoggerFactory.getLogger(HealthBackfills.class);
    private static final int KEPT = 20;
    private static final String AFTER_IMPORT = "after importing ";

    private final HealthBackfill backfill;
    private final ActiveRuleSet rules;
    private final HealthBackfillProperties properties;
    private final ZoneId zone;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "health-backfill");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, HealthBackfillJob> jobs = new LinkedHashMap<>();

    HealthBackfills(HealthBackfill backfill, ActiveRuleSet rules, HealthBackfillProperties properties,
                    EngineProperties engine, Clock clock) {
        this.backfill = backfill;
        this.rules = rules;
        this.properties = properties;
        this.zone = engine.defaultTimezone();
        this.clock = clock;
    }

    /**
     * Queues a backfill of the days [from, to) of the default time zone.
     *
     * @throws IllegalArgumentException naming {@code from} or {@code to} when the period is empty, starts
     *                                  after today, or is longer than {@code tenure.health.backfill.max-days}
     */
    public synchronized HealthBackfillJob start(LocalDate from, LocalDate to, String reason) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to: " + to + " must be after from (" + from + "); to is exclusive");
        }
        if (from.isAfter(today)) {
            throw new IllegalArgumentException("from: " + from + " is after today (" + today + "): there is no history to score");
        }
        long days = ChronoUnit.DAYS.between(from, to);
        if (days > properties.maxDays()) {
            throw new IllegalArgumentException("to: " + days + " days from " + from + " is more than "
                    + properties.maxDays() + " (tenure.health.backfill.max-days)");
        }
        HealthBackfillJob job = new HealthBackfillJob(UUID.randomUUID().toString(), HealthBackfillJob.Status.QUEUED, from, to,
                reason, clock.instant(), null, 0, 0, null, null);
        put(job);
        executor.execute(() -> execute(job.id()));
        return job;
    }

    /**
     * After an import stored signals: when the oldest happened more than {@code tenure.health.backfill.older-than}
     * ago, backfills from its day to today (unless {@code tenure.health.backfill.after-import} is off).
     *
     * @param what names the import in the job's reason ("usage-2026.csv")
     * @return the job that will cover it, if any
     */
    public synchronized Optional<HealthBackfillJob> afterImport(Instant oldest, String what) {
        Instant now = clock.instant();
        if (!properties.afterImport() || oldest == null || oldest.isAfter(now.minus(properties.olderThan()))) {
            return Optional.empty();
        }
        LocalDate from = LocalDate.ofInstant(oldest, zone);
        LocalDate to = LocalDate.now(clock.withZone(zone)).plusDays(1);
        if (from.isBefore(to.minusDays(properties.maxDays()))) {
            from = to.minusDays(properties.maxDays());
        }
        for (HealthBackfillJob waiting : jobs.values()) {
            if (waiting.status() == HealthBackfillJob.Status.QUEUED && waiting.reason().startsWith(AFTER_IMPORT)) {
                HealthBackfillJob widened = waiting.widenedTo(from, to);
                jobs.put(widened.id(), widened);
                return Optional.of(widened);
            }
        }
        return Optional.of(start(from, to, AFTER_IMPORT + what));
    }

    @Override
    public void stored(Instant oldest, String what) {
        afterImport(oldest, what).ifPresent(job -> log.info("Health backfill {} ({} to {}) queued {}", job.id(), job.from(),
                job.to(), job.reason()));
    }

    public synchronized Optional<HealthBackfillJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The latest jobs, oldest first. */
    public synchronized List<HealthBackfillJob> list() {
        return List.copyOf(jobs.values());
    }

    private void execute(String id) {
        HealthBackfillJob job = update(id, j -> j.with(HealthBackfillJob.Status.RUNNING, null, null, null));
        try {
            RuleSet inForce = rules.get();
            HealthBackfillReport report = backfill.run(job.from(), job.to(), inForce.health(), inForce.factSettings(),
                    (done, total) -> update(id, j -> j.withDays(done, total)));
            update(id, j -> j.withDays(report.days(), report.days()).with(HealthBackfillJob.Status.DONE, clock.instant(), report, null));
        } catch (RuntimeException e) {
            log.error("Health backfill {} ({} to {}) failed", id, job.from(), job.to(), e);
            update(id, j -> j.with(HealthBackfillJob.Status.FAILED, clock.instant(), null, String.valueOf(e.getMessage())));
        }
    }

    private synchronized HealthBackfillJob update(String id, UnaryOperator<HealthBackfillJob> change) {
        return jobs.computeIfPresent(id, (key, job) -> change.apply(job));
    }

    private void put(HealthBackfillJob job) {
        jobs.put(job.id(), job);
        while (jobs.size() > KEPT) {
            String oldest = jobs.keySet().iterator().next();
            HealthBackfillJob.Status status = jobs.get(oldest).status();
            if (status == HealthBackfillJob.Status.QUEUED || status == HealthBackfillJob.Status.RUNNING) {
                break;
            }
            jobs.remove(oldest);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
