package dev.tenure.engine.cadences;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.schedule.PlayRunControl;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = EngineTestApplication.class)
class CadencesIntegrationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired Cadences cadences;
    @Autowired Intake intake;
    @Autowired JdbcClient jdbc;
    @Autowired Scheduler scheduler;
    @Autowired PlayRunControl control;
    @Autowired TransactionTemplate transaction;

    record Run(long id, String playId, LocalDate occursOn, String ruleName, String matchedFacts) {
    }

    record Step(int position, String type, Instant dueAt, String status, String result) {
    }

    private List<Run> runs(String accountId) {
        return jdbc.sql("SELECT id, play_id, occurs_on, rule_name, matched_facts::text FROM play_run WHERE account_id = ? ORDER BY id")
                .param(accountId)
                .query((rs, n) -> new Run(rs.getLong(1), rs.getString(2), rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(),
                        rs.getString(4), rs.getString(5))).list();
    }

    private List<Step> steps(long runId) {
        return jdbc.sql("SELECT position, type, due_at, status, result FROM play_step WHERE run_id = ? ORDER BY position")
                .param(runId)
                .query((rs, n) -> new Step(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5))).list();
    }

    private List<Run> renewalRuns(TestData account) {
        return runs(account.id()).stream().filter(r -> r.playId().equals("renewal-cadence")).toList();
    }

    private Long redoes(long runId) {
        return jdbc.sql("SELECT redoes FROM play_run WHERE id = ?").param(runId).query(Long.class).single();
    }

    private List<String> timeline(TestData account) {
        return jdbc.sql("SELECT summary FROM timeline_entry WHERE account_id = ? ORDER BY id").param(account.id())
                .query(String.class).list();
    }

    private TestData stored(TestData account) {
        intake.accept(account.batch());
        return account;
    }

    @Test
    void given_a_high_touch_account_started_76_days_ago_when_the_cadences_run_then_its_csm_gets_the_qbr_prep_task_once() {
        TestData big = stored(TestData.account("Big Corp", Segment.HIGH_TOUCH).startedDaysAgo(76));
        LocalDate qbr = big.account().startedOn().plusDays(90);

        cadences.run();
        cadences.run();

        List<Run> runs = runs(big.id());
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.playId()).isEqualTo("qbr");
            assertThat(run.occursOn()).isEqualTo(qbr);
            assertThat(run.ruleName()).isEqualTo("cadence: every 90d from start");
            assertThat(run.matchedFacts()).contains("\"on\": \"" + qbr + "\"", "\"cadence\": \"every 90d from start\"");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM task WHERE account_id = ?")
                .param(big.id()).query(Long.class).single() == 1);
        Map<String, Object> task = jdbc.sql("SELECT owner, title, due_at, created_at FROM task WHERE account_id = ?")
                .param(big.id()).query().singleRow();
        assertThat(task.get("owner")).isEqualTo(big.account().csm());
        assertThat((String) task.get("title")).isEqualTo("Prepare the QBR with Big Corp on " + qbr);
        // The prep was due at the start of the day 14 days ahead of the QBR (today): it ran at once, due in 7 days.
        assertThat(((java.sql.Timestamp) task.get("due_at")).toInstant())
                .isEqualTo(((java.sql.Timestamp) task.get("created_at")).toInstant().plus(Duration.ofDays(7)));

        cadences.run();
        assertThat(runs(big.id())).hasSize(1);
    }

    @Test
    void given_a_qbr_15_days_ahead_then_the_prep_step_is_due_at_the_start_of_its_day_in_the_accounts_time_zone() {
        TestData big = stored(TestData.account("Tokyo Corp", Segment.HIGH_TOUCH).timezone("Asia/Tokyo").startedDaysAgo(75));
        LocalDate qbr = big.account().startedOn().plusDays(90);
        // As at noon the day before the prep, in Tokyo.
        Instant now = qbr.minusDays(15).atTime(LocalTime.NOON).atZone(ZoneId.of("Asia/Tokyo")).toInstant();

        cadences.run(now);

        Run run = runs(big.id()).get(0);
        assertThat(steps(run.id())).extracting(Step::dueAt)
                .containsExactly(qbr.minusDays(14).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());
    }

    @Test
    void given_low_touch_and_churned_accounts_then_they_get_no_qbr() {
        TestData small = stored(TestData.account("Small Corp", Segment.LOW_TOUCH).startedDaysAgo(76));
        TestData gone = stored(TestData.account("Gone Corp", Segment.HIGH_TOUCH).startedDaysAgo(76)
                .billing(dev.tenure.engine.vocabulary.BillingEvent.SUBSCRIPTION_CANCELLED, 3));

        cadences.run();

        assertThat(runs(small.id())).isEmpty();
        assertThat(runs(gone.id())).filteredOn(r -> r.occursOn() != null).isEmpty();
    }

    @Test
    void given_a_renewal_121_days_ahead_then_steps_are_due_120_90_60_and_30_days_before_it_in_the_accounts_time_zone() {
        TestData acme = stored(TestData.account("Acme Renewals", Segment.LOW_TOUCH).renewsInDays(121));
        LocalDate renewal = acme.account().renewalOn();
        Instant now = renewal.minusDays(121).atTime(LocalTime.NOON).atZone(BERLIN).toInstant();

        cadences.run(now);

        Run run = runs(acme.id()).stream().filter(r -> r.playId().equals("renewal-cadence")).findFirst().orElseThrow();
        assertThat(run.occursOn()).isEqualTo(renewal);
        List<Step> steps = steps(run.id());
        assertThat(steps).extracting(Step::status).containsOnly("SCHEDULED");
        assertThat(steps.get(0).dueAt()).isEqualTo(renewal.minusDays(120).atStartOfDay(BERLIN).toInstant());
        assertThat(steps.get(1).dueAt()).isEqualTo(renewal.minusDays(90).atStartOfDay(BERLIN).toInstant());
        // The email waits for business hours in Berlin on or after its day.
        var email = steps.get(2).dueAt().atZone(BERLIN);
        assertThat(steps.get(2).type()).isEqualTo("EMAIL");
        assertThat(email.toLocalDate()).isAfterOrEqualTo(renewal.minusDays(60)).isBefore(renewal.minusDays(56));
        assertThat(email.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(steps.get(3).dueAt()).isEqualTo(renewal.minusDays(30).atStartOfDay(BERLIN).toInstant());
    }

    @Test
    void given_an_account_40_days_before_its_renewal_then_the_120_and_90_day_steps_are_skipped_and_recorded() {
        TestData late = stored(TestData.account("Late Corp", Segment.LOW_TOUCH).renewsInDays(40));
        LocalDate renewal = late.account().renewalOn();
        Instant now = renewal.minusDays(40).atTime(LocalTime.of(10, 0)).atZone(BERLIN).toInstant();

        cadences.run(now);

        Run run = runs(late.id()).stream().filter(r -> r.playId().equals("renewal-cadence")).findFirst().orElseThrow();
        List<Step> steps = steps(run.id());
        assertThat(steps).extracting(Step::status).containsExactly("SKIPPED", "SKIPPED", "SCHEDULED", "SCHEDULED");
        assertThat(steps.get(0).result()).contains("had passed");
        // The 60-day email runs instead, at the first business hour from now.
        var email = steps.get(2).dueAt().atZone(BERLIN);
        assertThat(steps.get(2).dueAt()).isAfterOrEqualTo(now).isBefore(now.plus(Duration.ofDays(4)));
        assertThat(email.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(17, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM timeline_entry WHERE account_id = ? AND type = 'step.skipped'")
                .param(late.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void given_a_renewal_run_the_churn_stopped_when_the_account_is_reactivated_then_the_next_pass_schedules_the_occurrence_again() {
        TestData acme = stored(TestData.account("Comeback Renewals", Segment.LOW_TOUCH).renewsInDays(121));
        LocalDate renewal = acme.account().renewalOn();
        Instant now = renewal.minusDays(121).atTime(LocalTime.NOON).atZone(BERLIN).toInstant();
        cadences.run(now);
        Run stopped = renewalRuns(acme).get(0);
        TestData cancelled = acme.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0);
        intake.accept(cancelled.signalsOnly());
        assertThat(steps(stopped.id())).extracting(Step::result).containsOnly("stopped: the account churned");
        cadences.run(now);
        assertThat(renewalRuns(acme)).as("nothing while churned").hasSize(1);

        intake.accept(cancelled.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 0).signalsOnly());
        // A day later, the 120-day step's time has passed: it runs at once, as for an occurrence scheduled late.
        Instant dayLater = now.plus(Duration.ofDays(1));
        CompletableFuture<CadencePass> one = CompletableFuture.supplyAsync(() -> cadences.run(dayLater));
        CompletableFuture<CadencePass> two = CompletableFuture.supplyAsync(() -> cadences.run(dayLater));
        one.join();
        two.join();
        cadences.run(dayLater);

        List<Run> runs = renewalRuns(acme);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1).occursOn()).isEqualTo(renewal);
        assertThat(redoes(runs.get(1).id())).isEqualTo(stopped.id());
        List<Step> steps = steps(runs.get(1).id());
        assertThat(steps).extracting(Step::status).containsOnly("SCHEDULED");
        assertThat(steps.get(0).dueAt()).isAfterOrEqualTo(dayLater).isBefore(dayLater.plus(Duration.ofDays(1)));
        assertThat(steps.get(1).dueAt()).isEqualTo(renewal.minusDays(90).atStartOfDay(BERLIN).toInstant());
        assertThat(steps.get(3).dueAt()).isEqualTo(renewal.minusDays(30).atStartOfDay(BERLIN).toInstant());
        assertThat(timeline(acme)).contains("Play \"Renewal cadence\" started again by its cadence (before renewal) for "
                + renewal + ": the account is active again, and the churn stopped run " + stopped.id());
    }

    @Test
    void given_a_step_done_before_the_churn_then_the_occurrence_scheduled_again_does_not_do_it_twice() {
        TestData acme = stored(TestData.account("Done Before Churn", Segment.LOW_TOUCH).renewsInDays(119));
        cadences.run();
        Run stopped = renewalRuns(acme).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(steps(stopped.id()).get(0).status()));
        TestData cancelled = acme.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0);
        intake.accept(cancelled.signalsOnly());
        intake.accept(cancelled.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 0).signalsOnly());

        cadences.run();

        List<Run> runs = renewalRuns(acme);
        assertThat(runs).hasSize(2);
        List<Step> steps = steps(runs.get(1).id());
        assertThat(steps).extracting(Step::status).containsExactly("SKIPPED", "SCHEDULED", "SCHEDULED", "SCHEDULED");
        assertThat(steps.get(0).result()).isEqualTo("its turn came in run " + stopped.id() + ", before the account churned");
        assertThat(jdbc.sql("SELECT count(*) FROM task WHERE account_id = ?").param(acme.id()).query(Long.class).single())
                .as("the 120-day task once").isEqualTo(1);
    }

    @Test
    void given_a_renewal_run_a_person_cancelled_then_a_churn_and_a_return_do_not_schedule_it_again() {
        TestData acme = stored(TestData.account("Cancelled By Hand", Segment.LOW_TOUCH).renewsInDays(121));
        Instant now = acme.account().renewalOn().minusDays(121).atTime(LocalTime.NOON).atZone(BERLIN).toInstant();
        cadences.run(now);
        control.cancel(renewalRuns(acme).get(0).id(), "carol@tenure.test");
        TestData cancelled = acme.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0);
        intake.accept(cancelled.signalsOnly());
        intake.accept(cancelled.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 0).signalsOnly());

        cadences.run(now.plus(Duration.ofDays(1)));

        assertThat(renewalRuns(acme)).hasSize(1);
    }

    @Test
    void given_the_cadence_trigger_fires_twice_then_the_occurrence_is_written_once() throws Exception {
        TestData fired = stored(TestData.account("Fired Corp", Segment.HIGH_TOUCH).startedDaysAgo(76));

        scheduler.triggerJob(CadenceJobs.CADENCES);
        scheduler.triggerJob(CadenceJobs.CADENCES);

        await().atMost(Duration.ofSeconds(20)).until(() -> runs(fired.id()).size() == 1);
        // The job does not run concurrently; once both firings are through, there is still one run.
        await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.getCurrentlyExecutingJobs().stream()
                .noneMatch(job -> job.getJobDetail().getKey().equals(CadenceJobs.CADENCES))
                && jdbc.sql("SELECT count(*) FROM qrtz_fired_triggers WHERE sched_name = ?")
                .param(scheduler.getSchedulerName()).query(Long.class).single() == 0);
        assertThat(runs(fired.id())).hasSize(1);
    }

    @Test
    void given_two_passes_at_once_then_each_occurrence_is_written_once() {
        List<TestData> accounts = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> stored(TestData.account("Twin " + i, Segment.HIGH_TOUCH).startedDaysAgo(76))).toList();

        CompletableFuture<CadencePass> one = CompletableFuture.supplyAsync(() -> cadences.run());
        CompletableFuture<CadencePass> two = CompletableFuture.supplyAsync(() -> cadences.run());
        one.join();
        two.join();

        assertThat(accounts).allSatisfy(a -> assertThat(runs(a.id())).singleElement()
                .satisfies(r -> assertThat(steps(r.id())).hasSize(1)));
    }

    @Test
    void given_an_account_churning_while_a_pass_plans_its_qbr_then_no_qbr_runs_for_it() throws Exception {
        TestData leaving = stored(TestData.account("Churning Mid Pass", Segment.HIGH_TOUCH).startedDaysAgo(76));
        CountDownLatch churned = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // The cancellation is stored and has churned the account, not committed yet, when a pass plans the QBR.
        CompletableFuture<Void> cancelling = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            intake.store(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).signalsOnly());
            churned.countDown();
            try {
                commit.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(churned.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<CadencePass> pass = CompletableFuture.supplyAsync(() -> cadences.run());
        await().atMost(Duration.ofSeconds(60)).until(() -> pass.isDone() || jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()""")
                .query(Long.class).single() > 0);
        commit.countDown();
        cancelling.get(30, TimeUnit.SECONDS);
        pass.get(60, TimeUnit.SECONDS);

        assertThat(runs(leaving.id())).filteredOn(r -> r.occursOn() != null).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM task WHERE account_id = ? AND status = 'OPEN'").param(leaving.id())
                .query(Long.class).single()).isZero();
    }
}

