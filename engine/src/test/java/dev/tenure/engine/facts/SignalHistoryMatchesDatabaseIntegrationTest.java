package dev.tenure.engine.facts;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.CsatAnswers;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Facts rolled up in memory are the facts the database rolls up from the same signals. */
@SpringBootTest(classes = EngineTestApplication.class)
class SignalHistoryMatchesDatabaseIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    FactSets factSets;
    @Autowired
    Accounts accounts;
    @Autowired
    AccountHistory accountHistory;

    @Test
    void usage_tickets_billing_nps_csat_renewal_and_qbr_agree() {
        List<TestData> scenarios = scenarios();
        Instant now = TestClock.now();
        List<Integer> daysKnown = new java.util.ArrayList<>();

        for (TestData data : scenarios) {
            intake.accept(data.batch());
            SignalHistory history = new SignalHistory();
            data.batch().signals().stream().map(Labeled::value).forEach(history::add);

            FactSet stored = factSets.load(accounts.find(data.id()).orElseThrow(), now);
            FactSet inMemory = history.factsAsOf(data.account().withStage(stored.account().stage()),
                    stored.contacts(), List.of(), List.of(), now);

            assertThat(inMemory.usage()).as(data.id()).containsExactlyInAnyOrderElementsOf(stored.usage());
            assertThat(inMemory.tickets()).as(data.id()).isEqualTo(stored.tickets());
            assertThat(inMemory.billing()).as(data.id()).usingRecursiveComparison()
                    .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                    .isEqualTo(stored.billing());
            assertThat(inMemory.lastNps()).as(data.id()).isEqualTo(stored.lastNps());
            assertThat(inMemory.csat()).as(data.id()).isEqualTo(stored.csat());
            assertThat(Stream.of(inMemory.renewal(), inMemory.qbr())).as(data.id())
                    .containsExactly(stored.renewal(), stored.qbr());
            daysKnown.add(stored.tickets().daysKnown());
        }
        // Known from a ticket 50 days ago (usage began later), from usage alone, not at all, and for all 88 days.
        assertThat(daysKnown).containsExactly(50, 30, 0, 88);
        // The ticket opened after the moment judged is in neither: one P1 open (6 days ago), 3 of any priority in 28 days.
        FactSet longHistory = factSets.load(accounts.find(scenarios.get(3).id()).orElseThrow(), now);
        assertThat(longHistory.tickets().openP1()).isEqualTo(1);
        assertThat(longHistory.tickets().opened28d()).isEqualTo(3);
    }

    @Test
    void contacts_as_they_were_with_the_later_changes_applied_are_the_contacts_stored() {
        TestData data = TestData.account("Contacts Replayed", Segment.LOW_TOUCH).contact(ContactRole.ADMIN);
        intake.accept(data.batch());
        Instant then = TestClock.now();
        Contact champion = new Contact(data.id(), "champion@" + data.id() + ".test", "Pat Champion", ContactRole.USER, null, false, false);
        Contact admin = new Contact(data.id(), "admin@" + data.id() + ".test", "Pat Admin", ContactRole.ADMIN, null, true, true);
        Contact newcomer = new Contact(data.id(), "new@" + data.id() + ".test", "Nia", ContactRole.CHAMPION, null, true, false);
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("contacts line 2", champion), new Labeled<>("contacts line 3", admin),
                new Labeled<>("contacts line 4", newcomer)), List.of()));
        Instant now = TestClock.now();

        SignalHistory history = new SignalHistory();
        accountHistory.contactChanges(then, now).stream().filter(c -> c.accountId().equals(data.id())).forEach(history::add);
        FactSet stored = factSets.load(accounts.find(data.id()).orElseThrow(), now);
        FactSet replayed = history.factsAsOf(stored.account(), accountHistory.contactsAsOf(List.of(data.id()), then).get(data.id()),
                List.of(), List.of(), now);

        assertThat(replayed.contacts()).extracting(Contact::email, Contact::role, Contact::active, Contact::unsubscribed)
                .containsExactlyInAnyOrderElementsOf(stored.contacts().stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.email(), c.role(), c.active(), c.unsubscribed())).toList())
                .hasSize(3);
    }

    @Test
    void facts_read_for_many_accounts_at_once_are_each_account_s_own() {
        List<TestData> scenarios = scenarios();
        scenarios.forEach(data -> intake.accept(data.batch()));
        Instant now = TestClock.now();
        List<Account> stored = scenarios.stream().map(d -> accounts.find(d.id()).orElseThrow()).toList();

        List<FactSet> together = factSets.loadAll(stored, now);

        assertThat(together).hasSize(scenarios.size());
        for (int i = 0; i < stored.size(); i++) {
            FactSet alone = factSets.load(stored.get(i), now);
            assertThat(together.get(i)).as(stored.get(i).id()).usingRecursiveComparison()
                    .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class).isEqualTo(alone);
        }
        assertThat(together.get(0).usage()).isNotEmpty();
    }

    @Test
    void csat_counts_the_answers_of_the_last_90_days_and_the_satisfied_among_them() {
        TestData data = TestData.account("Survey Answers", Segment.LOW_TOUCH)
                .csat(5, 95).csat(5, 89).csat(4, 30).csat(3, 10).csat(1, 0).csat(4, 0);
        TestData unanswered = TestData.account("Old Survey Answers", Segment.LOW_TOUCH).csat(5, 91);
        intake.accept(data.batch());
        intake.accept(unanswered.batch());
        Account account = accounts.find(data.id()).orElseThrow();

        List<FactSet> facts = factSets.loadAll(List.of(account, accounts.find(unanswered.id()).orElseThrow()), TestClock.now());

        // Within 90 days: 5, 4, 3, 1, 4 (the 5 of 95 days ago is out): 5 answers, 3 satisfied (4 or 5), 60%.
        assertThat(facts.get(0).csat()).isEqualTo(new CsatAnswers(data.id(), 5, 3));
        assertThat(facts.get(0).csat().satisfiedPct()).isEqualTo(60.0);
        assertThat(facts.get(0).all()).contains(new CsatAnswers(data.id(), 5, 3));
        assertThat(facts.get(1).csat()).isNull();
    }

    private static List<TestData> scenarios() {
        return List.of(
                TestData.account("Busy Mixed", Segment.HIGH_TOUCH).startedDaysAgo(350).renewsInDays(40)
                        .usage("core", 40, 8, 100).usage("core", 7, 1, 30).usage("reports", 20, 0, 7)
                        .ticket(TicketPriority.P1, TicketStatus.OPEN, 3).ticket(TicketPriority.P3, TicketStatus.SOLVED, 20)
                        .ticket(TicketPriority.P2, TicketStatus.PENDING, 50)
                        .billing(BillingEvent.MRR_CHANGED, 90).billing(BillingEvent.MRR_CHANGED, 10)
                        .billing(BillingEvent.INVOICE_PAID, 35).billing(BillingEvent.PAYMENT_FAILED, 4)
                        .billing(BillingEvent.INVOICE_OVERDUE, 2).nps(9, 40).nps(4, 1)
                        .csat(5, 91).csat(5, 89).csat(4, 30).csat(3, 10).csat(1, 0),
                TestData.account("Quiet Newcomer", Segment.TECH_TOUCH).stage(Stage.ONBOARDING).startedDaysAgo(30)
                        .usage("core", 30, 20, 3).csat(2, 120),
                TestData.account("Nothing Yet", Segment.LOW_TOUCH),
                // Seven weeks and more: the usual weeks, a source that began 45 days ago, urgent tickets over 60 days,
                // tickets of any priority on both sides of 28 and 88 days.
                TestData.account("Long History", Segment.LOW_TOUCH).startedDaysAgo(500)
                        .usage("core", 70, 22, 120).usage("core", 21, 8, 40).usage("core", 5, 1, 90)
                        .usage("reports", 45, 1, 6)
                        .ticket(TicketPriority.P1, TicketStatus.SOLVED, 55).ticket(TicketPriority.P2, TicketStatus.SOLVED, 30)
                        .ticket(TicketPriority.P1, TicketStatus.OPEN, 6).ticket(TicketPriority.P4, TicketStatus.OPEN, 2)
                        .ticket(TicketPriority.P3, TicketStatus.SOLVED, 27).ticket(TicketPriority.P4, TicketStatus.SOLVED, 29)
                        .ticket(TicketPriority.P3, TicketStatus.SOLVED, 87).ticket(TicketPriority.P3, TicketStatus.SOLVED, 89)
                        // Opened two days after the moment judged: not counted, open or not.
                        .ticket(TicketPriority.P1, TicketStatus.OPEN, -2));
    }
}
