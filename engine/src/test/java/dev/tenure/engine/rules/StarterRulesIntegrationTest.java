package dev.tenure.engine.rules;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.testing.SharedGreenMail;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each starter rule in rules/: given these signals, this play starts; and a near miss that does not. */
@SpringBootTest(classes = EngineTestApplication.class)
class StarterRulesIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    PlayRuns playRuns;
    @Autowired
    Inbox inbox;
    @Autowired
    Accounts accounts;

    List<String> playsStarted(TestData data) {
        intake.accept(data.batch());
        return playRuns.list(data.id(), null, 50).stream().map(PlayRunView::play).toList();
    }

    List<Task> tasksOf(TestData data) {
        return inbox.list(new TaskQuery(null, data.id(), null, null, 50));
    }

    @Nested
    class UsageDrop {

        @Test
        void a_high_touch_account_whose_core_usage_fell_60_percent_for_three_weeks_gets_a_save_task_for_its_csm() {
            TestData acme = TestData.account("Acme", Segment.HIGH_TOUCH).usage("core", 56, 29, 100).usage("core", 28, 0, 40);

            assertThat(playsStarted(acme)).containsExactly("save-usage-drop");

            await().atMost(Duration.ofSeconds(10)).until(() -> !tasksOf(acme).isEmpty());
            Task task = tasksOf(acme).get(0);
            assertThat(task.owner()).isEqualTo(acme.account().csm());
            // The title quotes the three weeks the rule judged, oldest first: each 40 a day against a usual 100.
            assertThat(task.title()).isEqualTo("Core usage at Acme fell: 280, 280, then 280 uses in the last three weeks; find out why");
            assertThat(task.why().rule()).isEqualTo("Core usage dropped and stayed down (high touch): save play for the CSM");
            assertThat(task.why().matchedFacts()).containsKeys("account", "usageTrend");
        }

        @Test
        void a_tech_touch_account_whose_core_usage_fell_gets_save_emails_instead_of_a_task() {
            TestData tiny = TestData.account("Tiny Co", Segment.TECH_TOUCH).usage("core", 56, 29, 100).usage("core", 28, 0, 30);

            assertThat(playsStarted(tiny)).containsExactly("save-usage-drop-tech-touch");

            await().atMost(Duration.ofSeconds(10)).until(() -> !SharedGreenMail.to("champion@" + tiny.id()).isEmpty());
            assertThat(tasksOf(tiny)).isEmpty();
        }

        @Test
        void a_30_percent_fall_is_not_enough() {
            TestData steady = TestData.account("Steady", Segment.LOW_TOUCH).usage("core", 56, 29, 100).usage("core", 28, 0, 70);

            assertThat(playsStarted(steady)).isEmpty();
        }
    }

    @Nested
    class TicketEscalation {

        @Test
        void three_p1_or_p2_tickets_in_14_days_start_an_escalation() {
            TestData busy = TestData.account("Busy", Segment.LOW_TOUCH)
                    .ticket(TicketPriority.P2, TicketStatus.OPEN, 3).ticket(TicketPriority.P1, TicketStatus.SOLVED, 10)
                    .ticket(TicketPriority.P1, TicketStatus.OPEN, 6);

            assertThat(playsStarted(busy)).containsExactly("ticket-escalation");
        }

        @Test
        void one_urgent_ticket_and_one_minor_one_do_not() {
            TestData calm = TestData.account("Calm", Segment.LOW_TOUCH)
                    .ticket(TicketPriority.P1, TicketStatus.OPEN, 3).ticket(TicketPriority.P3, TicketStatus.OPEN, 2)
                    .ticket(TicketPriority.P2, TicketStatus.SOLVED, 20);

            assertThat(playsStarted(calm)).isEmpty();
        }
    }

    @Nested
    class FailedPayment {

        @Test
        void a_payment_still_failed_a_week_later_starts_a_billing_task_and_emails_the_billing_contact() {
            TestData late = TestData.account("Late Payer", Segment.LOW_TOUCH).contact(ContactRole.BILLING)
                    .billing(BillingEvent.INVOICE_PAID, 40).billing(BillingEvent.PAYMENT_FAILED, 8);

            assertThat(playsStarted(late)).containsExactly("failed-payment");

            await().atMost(Duration.ofSeconds(10)).until(() -> !SharedGreenMail.to("billing@" + late.id()).isEmpty());
            // The task commits with the email's step batch, a moment after the SMTP server has the email.
            await().atMost(Duration.ofSeconds(10)).until(() -> !tasksOf(late).isEmpty());
            assertThat(tasksOf(late)).extracting(Task::title).containsExactly("Payment failed at Late Payer: check with billing");
        }

        @Test
        void a_failed_payment_paid_since_does_not() {
            TestData paid = TestData.account("Paid Since", Segment.LOW_TOUCH)
                    .billing(BillingEvent.PAYMENT_FAILED, 5).billing(BillingEvent.INVOICE_PAID, 1);

            assertThat(playsStarted(paid)).isEmpty();
        }
    }

    @Nested
    class NpsDetractor {

        @Test
        void an_nps_of_4_starts_a_call_back() {
            assertThat(playsStarted(TestData.account("Unhappy", Segment.HIGH_TOUCH).nps(4, 0))).containsExactly("nps-detractor");
        }

        @Test
        void an_nps_of_7_does_not() {
            assertThat(playsStarted(TestData.account("Passive", Segment.HIGH_TOUCH).nps(7, 0))).isEmpty();
        }
    }

    @Nested
    class Onboarding {

        @Test
        void an_onboarding_account_using_core_daily_reaches_first_value_and_moves_to_adoption() {
            TestData fresh = TestData.account("Fresh Start", Segment.TECH_TOUCH).stage(Stage.ONBOARDING)
                    .startedDaysAgo(20).usage("core", 13, 0, 10);

            assertThat(playsStarted(fresh)).containsExactly("first-value-congrats");
            assertThat(accounts.find(fresh.id()).orElseThrow().stage()).isEqualTo(Stage.ADOPTION);
            await().atMost(Duration.ofSeconds(10)).until(() -> !SharedGreenMail.to("champion@" + fresh.id()).isEmpty());
        }

        @Test
        void light_use_is_not_first_value_yet() {
            TestData slow = TestData.account("Slow Start", Segment.TECH_TOUCH).stage(Stage.ONBOARDING)
                    .startedDaysAgo(20).usage("core", 13, 0, 5);

            assertThat(playsStarted(slow)).isEmpty();
            assertThat(accounts.find(slow.id()).orElseThrow().stage()).isEqualTo(Stage.ONBOARDING);
        }

        @Test
        void an_onboarding_account_silent_for_14_days_gets_a_nudge() {
            TestData silent = TestData.account("Gone Quiet", Segment.TECH_TOUCH).stage(Stage.ONBOARDING)
                    .startedDaysAgo(30).usage("core", 30, 20, 3);

            assertThat(playsStarted(silent)).containsExactly("onboarding-nudge");
        }

        @Test
        void ten_quiet_days_are_not_enough_for_a_nudge() {
            TestData resting = TestData.account("Resting", Segment.TECH_TOUCH).stage(Stage.ONBOARDING)
                    .startedDaysAgo(30).usage("core", 30, 10, 3);

            assertThat(playsStarted(resting)).isEmpty();
        }
    }

    @Nested
    class RenewalRisk {

        TestData unhealthy(String name, int renewsInDays) {
            return TestData.account(name, Segment.LOW_TOUCH).renewsInDays(renewsInDays)
                    .usage("core", 56, 29, 100).usage("core", 28, 0, 30)
                    .ticket(TicketPriority.P1, TicketStatus.OPEN, 30).ticket(TicketPriority.P2, TicketStatus.OPEN, 40)
                    .billing(BillingEvent.PAYMENT_FAILED, 45).nps(3, 20);
        }

        @Test
        void renewal_in_60_days_with_poor_health_starts_the_renewal_risk_play() {
            assertThat(playsStarted(unhealthy("At Risk", 60))).contains("renewal-risk");
        }

        @Test
        void the_same_health_with_renewal_120_days_away_does_not() {
            assertThat(playsStarted(unhealthy("Not Yet", 120))).doesNotContain("renewal-risk");
        }
    }
}
