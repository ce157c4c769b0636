package dev.tenure.api.demo;

import dev.tenure.engine.accounts.Milestones;
import dev.tenure.engine.cadences.CadencePass;
import dev.tenure.engine.cadences.Cadences;
import dev.tenure.engine.digests.DigestSchedule;
import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.MilestoneType;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Loads the {@link DemoData demo data set} at startup when the application is started with
 * {@code --demo}, through the same intake as every other source, so the rules run on it as it arrives.
 * Does nothing when demo accounts are already stored: the set is dated to the day it was first loaded,
 * and loading it again on a later day would bolt a second, shifted history onto the first.
 */
@Component
class DemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final Duration DIGEST_AFTER = Duration.ofSeconds(20);

    private final Intake intake;
    private final Cadences cadences;
    private final DigestSchedule digests;
    private final JdbcClient jdbc;
    private final Milestones milestones;
    private final ActiveRuleSet rules;
    private final Clock clock;
    private final DemoPlayHistory playHistory;
    private final HealthScores healthScores;

    DemoLoader(Intake intake, Cadences cadences, DigestSchedule digests, JdbcClient jdbc, Milestones milestones,
               ActiveRuleSet rules, Clock clock, DemoPlayHistory playHistory, HealthScores healthScores) {
        this.intake = intake;
        this.milestones = milestones;
        this.rules = rules;
        this.playHistory = playHistory;
        this.healthScores = healthScores;
        this.cadences = cadences;
        this.digests = digests;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo")) {
            return;
        }
        long stored = jdbc.sql("SELECT count(*) FROM account WHERE id LIKE 'demo-%'").query(Long.class).single();
        if (stored > 0) {
            log.info("Demo data: {} demo accounts already stored, not loading again", stored);
            return;
        }
        // The engine evaluates in UTC days; the demo's "today" must be the same day.
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        DemoData demo = new DemoData();
        List<Batch> batches = new java.util.ArrayList<>(demo.batches(today));
        batches.add(FormerCustomers.batch(today));
        int accounts = 0, contacts = 0, signals = 0, duplicates = 0, plays = 0;
        for (Batch batch : batches) {
            IntakeResult result = intake.accept(batch);
            accounts += batch.accounts().size();
            contacts += batch.contacts().size();
            signals += batch.signals().size();
            duplicates += result.duplicates();
            plays += result.playsStarted();
        }
        log.info("Demo data loaded for {}: {} accounts, {} contacts, {} signals ({} already stored) in {} batches; "
                + "{} plays started", today, accounts, contacts, signals, duplicates, batches.size(), plays);
        recordJourneys(today);
        int pastRuns = playHistory.record(demo.pastSavePlays(today));
        log.info("Demo play history: {} save play runs of 5 to 8 weeks ago, some held out (GET /api/plays/outcomes)", pastRuns);
        int scores = writeHealthHistory(demo, today);
        log.info("Demo health history: {} weekly scores over the last {} weeks", scores, HealthHistory.WEEKS);
        // Cadences would otherwise wait for their trigger (hourly): the demo shows its QBR prep at once.
        CadencePass pass = cadences.run();
        log.info("Demo cadences: {} occurrence(s) scheduled (QBRs, renewals)", pass.occurrences());
        // The CSMs' weekly digest, once their first tasks are made, rather than next Monday.
        try {
            digests.sendAt(clock.instant().plus(DIGEST_AFTER));
            log.info("Demo: the CSMs' weekly digests go out in {} s (GET /api/digests)", DIGEST_AFTER.toSeconds());
        } catch (SchedulerException e) {
            log.warn("Demo: could not schedule the digests ({}); send them with POST /api/digests/send", e.getMessage());
        }
    }

    /** Health before today, scored with the model in force: the page's trends and churn report need a past. */
    private int writeHealthHistory(DemoData demo, LocalDate today) {
        HealthModel model = rules.get().health();
        HealthHistory history = new HealthHistory(DemoData.SEED);
        List<HealthScore> scores = new java.util.ArrayList<>();
        demo.accounts(today).forEach(a -> scores.addAll(history.of(a, today, model)));
        FormerCustomers.ALL.forEach(f -> scores.addAll(history.of(f, today, model)));
        scores.forEach(healthScores::record);
        return scores.size();
    }

    /**
     * First value reached and past QBRs, as the journey rule and the QBR cadence would have recorded them
     * over the past year; recorded after the signals, so the rules judged each account on its signals alone.
     */
    private void recordJourneys(LocalDate today) {
        DemoData demo = new DemoData();
        JourneyHistory journeys = new JourneyHistory(DemoData.SEED);
        List<DemoAccount> accounts = demo.accounts(today);
        journeys.firstValues(accounts, today).forEach(f -> milestones.reach(f.accountId(), MilestoneType.FIRST_VALUE,
                f.reachedAt(), "demo: reached before the demo's history"));
        String version = rules.get().version();
        List<JourneyHistory.PastQbr> qbrs = journeys.qbrs(accounts, today);
        for (JourneyHistory.PastQbr q : qbrs) {
            long run = jdbc.sql("""
                            INSERT INTO play_run (account_id, play_id, play_name, status, started_at, ended_at, rule_name,
                                                  rule_set_version, matched_facts, occurs_on)
                            VALUES (?, 'qbr', 'Quarterly business review', ?, ?, ?, 'cadence: every 90d from start', ?, '{}', ?)
                            RETURNING id""")
                    .params(q.account().id(), (q.done() ? RunStatus.COMPLETED : RunStatus.RUNNING).name(), Timestamp.from(q.startedAt()),
                            q.done() ? Timestamp.from(q.completedAt()) : null, version, q.on())
                    .query(Long.class).single();
            jdbc.sql("""
                            INSERT INTO task (account_id, run_id, owner, title, priority, status, due_at, outcome, created_at, completed_at)
                            VALUES (?, ?, ?, ?, 'NORMAL', ?, ?, ?, ?, ?)""")
                    .params(q.account().id(), run, q.account().account().csm(),
                            "Prepare the QBR with " + q.account().account().name() + " on " + q.on(),
                            q.done() ? "DONE" : "OPEN", Timestamp.from(q.dueAt()), q.done() ? "NO_ACTION" : null,
                            Timestamp.from(q.startedAt()), q.done() ? Timestamp.from(q.completedAt()) : null)
                    .update();
        }
        log.info("Demo journeys: first value recorded for past accounts, {} past QBRs ({} still open)", qbrs.size(),
                qbrs.stream().filter(q -> !q.done()).count());
    }
}
