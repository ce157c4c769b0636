package dev.tenure.engine.intake;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports stamped by the day (or by the second) give two changes of one thing the same moment: the one received
 * later is the later one, as in a scenario, whatever their event ids say. Each pair here arrives in its real
 * order with event ids that sort the other way.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class SameMomentSignalsIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    Accounts accounts;
    @Autowired
    FactSets factSets;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    PlayRuns runs;
    @Autowired
    JdbcClient jdbc;

    @Test
    void given_a_failed_payment_and_then_its_payment_at_the_same_moment_then_the_payment_is_not_failed() {
        TestData paid = TestData.account("Paid Same Day", Segment.LOW_TOUCH).contact(ContactRole.BILLING)
                .billing("z-failed", BillingEvent.PAYMENT_FAILED, 9).billing("a-paid", BillingEvent.INVOICE_PAID, 9);

        intake.accept(paid.batch());

        assertThat(facts(paid).billing().lastPaymentFailed()).isFalse();
        assertThat(runs.list(paid.id(), null, 10)).isEmpty();
    }

    @Test
    void given_a_cancellation_and_then_a_reactivation_at_the_same_moment_then_the_account_is_a_customer() {
        TestData back = TestData.account("Back Same Day", Segment.LOW_TOUCH)
                .billing("z-cancelled", BillingEvent.SUBSCRIPTION_CANCELLED, 3)
                .billing("a-reactivated", BillingEvent.SUBSCRIPTION_REACTIVATED, 3);

        intake.accept(back.batch());

        assertThat(accounts.find(back.id()).orElseThrow().stage()).isEqualTo(Stage.VALUE);
        assertThat(runs.list(back.id(), null, 10)).noneMatch(r -> r.status() == RunStatus.RUNNING);
    }

    @Test
    void given_a_ticket_opened_and_solved_on_the_same_day_then_it_is_solved() {
        TestData helped = TestData.account("Solved Same Day", Segment.LOW_TOUCH)
                .ticket("z-opened", "T-1", TicketPriority.P1, TicketStatus.OPEN, 2)
                .ticket("a-solved", "T-1", TicketPriority.P1, TicketStatus.SOLVED, 2);

        intake.accept(helped.batch());

        assertThat(jdbc.sql("SELECT status FROM ticket WHERE account_id = ? AND ticket_id = 'T-1'").param(helped.id())
                .query(String.class).single()).isEqualTo("SOLVED");
        assertThat(facts(helped).tickets().open()).isZero();
    }

    private FactSet facts(TestData data) {
        return factSets.load(accounts.find(data.id()).orElseThrow(), rules.get().factSettings(), TestClock.now());
    }
}
