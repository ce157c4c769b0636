package dev.tenure.engine.accounts;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.facts.SignalHistory;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Contacts and stages keep their past: whatever path changes them (an import, a queued file, the unsubscribe
 * link, a rule, a source's stage), each change is a dated history row with its cause, on the timeline, and the
 * contacts and stage of any past moment read back as they were. A contact change is an event the rules see.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class AccountHistoryIntegrationTest {

    /** Moments of a past the tests' sources tell of late, before the test clock's day. */
    private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

    @Autowired
    Intake intake;
    @Autowired
    AccountHistory history;
    @Autowired
    Accounts accounts;
    @Autowired
    Contacts contacts;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void given_an_import_that_marks_the_only_champion_inactive_then_the_change_is_kept_dated_on_the_timeline_and_the_champion_left_play_starts() {
        TestData acme = TestData.account("Champion Gone", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Instant before = TestClock.now();
        Contact champion = contacts.of(acme.id()).get(0);

        intake.accept(contactsFile(inactive(champion)));

        assertThat(jdbc.sql("SELECT change, old_value, new_value, origin, cause, dated FROM contact_change WHERE account_id = ? ORDER BY id")
                .param(acme.id()).query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6))).list())
                .containsExactly(tuple("ADDED", null, "CHAMPION", "SOURCE", "contact " + champion.email(), false),
                        tuple("BECAME_INACTIVE", "true", "false", "SOURCE", "contacts.csv line 2", false));
        assertThat(timeline.of(acme.id(), 20)).extracting(TimelineEntry::type, TimelineEntry::summary)
                .contains(tuple("contact.became-inactive", "Contact " + champion.email() + " (CHAMPION) became inactive (contacts.csv line 2)"),
                        tuple("contact.added", "Contact " + champion.email() + " added as CHAMPION (contact " + champion.email() + ")"));
        assertThat(jdbc.sql("SELECT play_id FROM play_run WHERE account_id = ?").param(acme.id()).query(String.class).list())
                .as("rules/journey/champion.drl matched the ContactSignal").containsExactly("champion-left");
        assertThat(history.contactsAsOf(List.of(acme.id()), before).get(acme.id())).extracting(Contact::active).containsExactly(true);
        assertThat(history.contactsAsOf(List.of(acme.id()), TestClock.now()).get(acme.id())).extracting(Contact::active).containsExactly(false);
    }

    @Test
    void given_the_same_contact_sent_again_unchanged_then_nothing_is_recorded() {
        TestData acme = TestData.account("Steady Contacts", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Contact champion = contacts.of(acme.id()).get(0);

        intake.accept(contactsFile(champion));

        assertThat(history.contactChangesOf(acme.id(), 10)).extracting(ContactSignal::change).containsExactly(ContactChange.ADDED);
    }

    @Test
    void given_a_large_file_stored_and_evaluated_later_then_its_contact_change_still_arrives_as_an_event() {
        TestData acme = TestData.account("Queued Champion", Segment.HIGH_TOUCH);
        intake.accept(acme.batch());
        Contact champion = contacts.of(acme.id()).get(0);

        intake.store(contactsFile(inactive(champion)));
        intake.evaluateQueued();

        assertThat(jdbc.sql("SELECT play_id FROM play_run WHERE account_id = ?").param(acme.id()).query(String.class).list())
                .containsExactly("champion-left");
    }

    @Test
    void given_changes_dated_by_their_source_then_the_contacts_of_each_past_moment_are_as_they_were() {
        TestData acme = TestData.account("Dated Contacts", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Contact champion = contacts.of(acme.id()).get(0);
        Contact newcomer = new Contact(acme.id(), "new@" + acme.id() + ".test", "Nia", ContactRole.ADMIN, null, true, false);
        Contact demoted = new Contact(champion.accountId(), champion.email(), champion.name(), ContactRole.USER, champion.timezone(),
                true, false);

        intake.accept(new Batch(List.of(), List.of(new Labeled<>("contacts.csv line 3", newcomer, JUNE),
                new Labeled<>("contacts.csv line 2", demoted, JULY)), List.of()));

        assertThat(history.contactsAsOf(List.of(acme.id()), MAY).get(acme.id()))
                .as("the newcomer's source dated their arrival in June; the champion was always there")
                .extracting(Contact::email, Contact::role).containsExactly(tuple(champion.email(), ContactRole.CHAMPION));
        assertThat(history.contactsAsOf(List.of(acme.id()), JUNE.plus(1, ChronoUnit.DAYS)).get(acme.id()))
                .extracting(Contact::email, Contact::role)
                .containsExactly(tuple(newcomer.email(), ContactRole.ADMIN), tuple(champion.email(), ContactRole.CHAMPION));
        assertThat(history.contactsAsOf(List.of(acme.id()), TestClock.now()).get(acme.id()))
                .extracting(Contact::email, Contact::role)
                .containsExactly(tuple(newcomer.email(), ContactRole.ADMIN), tuple(champion.email(), ContactRole.USER));
        assertThat(history.contactChanges(MAY, JULY.plus(1, ChronoUnit.DAYS)).stream().filter(c -> c.accountId().equals(acme.id())))
                .extracting(ContactSignal::change, ContactSignal::oldValue, ContactSignal::newValue, ContactSignal::occurredAt)
                .containsExactly(tuple(ContactChange.ADDED, null, "ADMIN", JUNE),
                        tuple(ContactChange.ROLE_CHANGED, "CHAMPION", "USER", JULY));
        assertThat(jdbc.sql("SELECT count(*) FROM play_run WHERE account_id = ?").param(acme.id()).query(Long.class).single())
                .as("changes months old are history, not news").isZero();
    }

    @Test
    void given_a_source_whose_july_update_arrived_before_its_june_one_then_the_contact_is_as_july_says_and_the_past_as_each_said() {
        TestData acme = TestData.account("Late Identify", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Contact champion = contacts.of(acme.id()).get(0);
        Contact admin = new Contact(champion.accountId(), champion.email(), champion.name(), ContactRole.ADMIN, champion.timezone(),
                true, false);
        Contact user = new Contact(champion.accountId(), champion.email(), champion.name(), ContactRole.USER, champion.timezone(),
                true, false);

        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-july", user, JULY)), List.of()));
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-june", admin, JUNE)), List.of()));

        assertThat(contacts.of(acme.id())).as("June's word came late: July's is the latest").containsExactly(user);
        assertThat(history.contactsAsOf(List.of(acme.id()), MAY).get(acme.id())).extracting(Contact::role)
                .containsExactly(ContactRole.CHAMPION);
        assertThat(history.contactsAsOf(List.of(acme.id()), JUNE.plus(1, ChronoUnit.DAYS)).get(acme.id())).extracting(Contact::role)
                .containsExactly(ContactRole.ADMIN);
        assertThat(history.contactsAsOf(List.of(acme.id()), TestClock.now()).get(acme.id())).containsExactly(user);
        assertThat(history.contactChanges(MAY, JULY.plus(1, ChronoUnit.DAYS)).stream().filter(c -> c.accountId().equals(acme.id())))
                .extracting(ContactSignal::change, ContactSignal::newValue, ContactSignal::occurredAt)
                .containsExactly(tuple(ContactChange.ROLE_CHANGED, "ADMIN", JUNE), tuple(ContactChange.ROLE_CHANGED, "USER", JULY));
    }

    @Test
    void given_an_unsubscribe_by_link_and_then_an_identify_an_hour_older_then_its_new_role_holds_since_nothing_later_changed_the_role() {
        TestData acme = TestData.account("Late Role", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Contact champion = contacts.of(acme.id()).get(0);
        transaction.executeWithoutResult(tx -> contacts.unsubscribe(champion.email(), TestClock.now(), ChangeCause.unsubscribeLink()));
        Contact admin = new Contact(champion.accountId(), champion.email(), champion.name(), ContactRole.ADMIN, champion.timezone(),
                true, false);

        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-7", admin,
                TestClock.now().minus(1, ChronoUnit.HOURS))), List.of()));

        assertThat(contacts.of(acme.id())).extracting(Contact::role, Contact::unsubscribed).containsExactly(tuple(ContactRole.ADMIN, true));
        assertThat(history.contactsAsOf(List.of(acme.id()), TestClock.now()).get(acme.id()))
                .extracting(Contact::role, Contact::unsubscribed).containsExactly(tuple(ContactRole.ADMIN, true));
    }

    @Test
    void given_a_contact_first_heard_of_in_july_whose_june_update_came_late_then_it_was_there_since_june_and_replays_read_it_so_too() {
        TestData acme = TestData.account("Late First Sight", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        String email = sam(acme);
        Contact asUser = sam(acme, ContactRole.USER, false);
        Contact asAdmin = sam(acme, ContactRole.ADMIN, false);

        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-july", asAdmin, JULY)), List.of()));
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-june", asUser, JUNE)), List.of()));

        assertThat(contacts.of(acme.id())).filteredOn(c -> c.email().equals(email)).containsExactly(asAdmin);
        SignalHistory replay = SignalHistory.replaying();
        history.contactChanges(MAY, TestClock.now()).stream().filter(c -> c.accountId().equals(acme.id())).forEach(replay::add);
        List<Contact> inMay = history.contactsAsOf(List.of(acme.id()), MAY).get(acme.id());
        for (Instant moment : List.of(MAY, JUNE.plus(1, ChronoUnit.DAYS), JULY.plus(1, ChronoUnit.DAYS), TestClock.now())) {
            // A replay knows contacts by what their changes say, not by name.
            assertThat(replay.contactsAsOf(inMay, moment)).as("a replay from May, at %s", moment)
                    .extracting(Contact::email, Contact::role, Contact::active, Contact::unsubscribed)
                    .containsExactlyInAnyOrderElementsOf(history.contactsAsOf(List.of(acme.id()), moment).get(acme.id()).stream()
                            .map(c -> tuple(c.email(), c.role(), c.active(), c.unsubscribed())).toList());
        }
        assertThat(history.contactsAsOf(List.of(acme.id()), MAY).get(acme.id())).extracting(Contact::email).doesNotContain(email);
        assertThat(history.contactsAsOf(List.of(acme.id()), JUNE.plus(1, ChronoUnit.DAYS)).get(acme.id()))
                .filteredOn(c -> c.email().equals(email)).extracting(Contact::role).containsExactly(ContactRole.USER);
        assertThat(history.contactsAsOf(List.of(acme.id()), JULY.plus(1, ChronoUnit.DAYS)).get(acme.id()))
                .filteredOn(c -> c.email().equals(email)).extracting(Contact::role).containsExactly(ContactRole.ADMIN);
    }

    @Test
    void given_a_late_update_that_unsubscribed_the_contact_then_the_contact_stays_unsubscribed_from_then_on() {
        TestData acme = TestData.account("Late Unsubscribe", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Contact champion = contacts.of(acme.id()).get(0);
        Contact unsubscribed = new Contact(champion.accountId(), champion.email(), champion.name(), champion.role(),
                champion.timezone(), true, true);
        Contact user = new Contact(champion.accountId(), champion.email(), champion.name(), ContactRole.USER, champion.timezone(),
                true, false);

        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-july", user, JULY)), List.of()));
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-june", unsubscribed, JUNE)), List.of()));

        assertThat(contacts.of(acme.id())).extracting(Contact::role, Contact::unsubscribed)
                .as("an unsubscribe is never undone, however late it is heard of").containsExactly(tuple(ContactRole.USER, true));
        assertThat(history.contactsAsOf(List.of(acme.id()), JUNE.minus(1, ChronoUnit.DAYS)).get(acme.id()))
                .extracting(Contact::unsubscribed).containsExactly(false);
        assertThat(history.contactsAsOf(List.of(acme.id()), JULY.plus(1, ChronoUnit.DAYS)).get(acme.id()))
                .extracting(Contact::role, Contact::unsubscribed).containsExactly(tuple(ContactRole.USER, true));
    }

    @Test
    void given_a_contact_first_heard_of_in_july_whose_late_june_update_unsubscribed_it_then_it_is_unsubscribed_and_was_so_since_june() {
        TestData acme = TestData.account("Late First Unsubscribe", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        String email = sam(acme);
        Contact subscribed = sam(acme, ContactRole.USER, false);
        Contact unsubscribed = sam(acme, ContactRole.USER, true);

        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-july", subscribed, JULY)), List.of()));
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-june", unsubscribed, JUNE)), List.of()));

        assertThat(contacts.of(acme.id())).filteredOn(c -> c.email().equals(email)).extracting(Contact::unsubscribed)
                .as("the contact the guardrails read: no tech-touch email goes to it").containsExactly(true);
        assertThat(history.contactsAsOf(List.of(acme.id()), MAY).get(acme.id())).extracting(Contact::email).doesNotContain(email);
        for (Instant moment : List.of(JUNE.plus(1, ChronoUnit.DAYS), JULY.plus(1, ChronoUnit.DAYS), TestClock.now())) {
            assertThat(history.contactsAsOf(List.of(acme.id()), moment).get(acme.id())).as("at %s", moment)
                    .filteredOn(c -> c.email().equals(email)).extracting(Contact::unsubscribed).containsExactly(true);
        }
        assertReplayFromReadsAsHistory(acme, MAY, JUNE, JULY);
    }

    @Test
    void given_a_contact_first_heard_of_in_july_who_followed_the_link_since_and_whose_late_june_update_unsubscribed_it_then_replays_see_no_second_unsubscribe() {
        TestData acme = TestData.account("Late First Then Link", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        String email = sam(acme);
        Contact subscribed = sam(acme, ContactRole.USER, false);
        Contact unsubscribed = sam(acme, ContactRole.USER, true);

        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-july", subscribed, JULY)), List.of()));
        transaction.executeWithoutResult(tx -> contacts.unsubscribe(email, TestClock.now(), ChangeCause.unsubscribeLink()));
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-june", unsubscribed, JUNE)), List.of()));

        assertThat(history.contactChanges(MAY, TestClock.now().plusSeconds(1)).stream()
                .filter(c -> c.email().equals(email)))
                .as("it came in unsubscribed in June, so the link followed since changed nothing a replay should see")
                .extracting(ContactSignal::change).doesNotContain(ContactChange.UNSUBSCRIBED);
        assertReplayFromReadsAsHistory(acme, MAY, JUNE, JULY);
    }

    @Test
    void given_a_role_change_in_july_an_unsubscribe_by_link_now_and_a_late_june_update_that_unsubscribed_then_it_is_unsubscribed_since_june_and_replays_see_one_unsubscribe() {
        TestData acme = TestData.account("Late Unsubscribe Twice", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Contact champion = contacts.of(acme.id()).get(0);
        Contact user = new Contact(champion.accountId(), champion.email(), champion.name(), ContactRole.USER, champion.timezone(),
                true, false);
        Contact unsubscribed = new Contact(champion.accountId(), champion.email(), champion.name(), champion.role(),
                champion.timezone(), true, true);

        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-july", user, JULY)), List.of()));
        transaction.executeWithoutResult(tx -> contacts.unsubscribe(champion.email(), TestClock.now(), ChangeCause.unsubscribeLink()));
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("identify m-june", unsubscribed, JUNE)), List.of()));

        assertThat(contacts.of(acme.id())).extracting(Contact::role, Contact::unsubscribed).containsExactly(tuple(ContactRole.USER, true));
        assertThat(history.contactsAsOf(List.of(acme.id()), JUNE.minus(1, ChronoUnit.DAYS)).get(acme.id()))
                .extracting(Contact::unsubscribed).containsExactly(false);
        assertThat(history.contactsAsOf(List.of(acme.id()), JULY.plus(1, ChronoUnit.DAYS)).get(acme.id()))
                .as("June's unsubscribe holds in every later state").extracting(Contact::role, Contact::unsubscribed)
                .containsExactly(tuple(ContactRole.USER, true));
        assertThat(history.contactChanges(MAY, TestClock.now()).stream()
                .filter(c -> c.accountId().equals(acme.id()) && c.change() == ContactChange.UNSUBSCRIBED))
                .as("a replay sees the contact unsubscribe once, when it first did").extracting(ContactSignal::occurredAt)
                .containsExactly(JUNE);
        assertThat(history.contactChanges(JULY.plus(1, ChronoUnit.DAYS), TestClock.now()).stream()
                .filter(c -> c.accountId().equals(acme.id()) && c.change() == ContactChange.UNSUBSCRIBED))
                .as("nor does one that starts after June see it unsubscribe again").isEmpty();
        assertThat(timeline.of(acme.id(), 10)).extracting(TimelineEntry::summary).as("that the link was followed is still told")
                .contains(champion.email() + " unsubscribed with the link in an email: no tech-touch email goes to this address again");
        assertReplayFromReadsAsHistory(acme, MAY, JUNE, JULY);
    }

    @Test
    void given_a_contact_that_unsubscribes_in_one_update_with_a_new_role_then_each_change_is_a_row_and_the_past_undoes_them_in_turn() {
        TestData acme = TestData.account("Two Changes", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Contact champion = contacts.of(acme.id()).get(0);
        Instant before = TestClock.now();

        intake.accept(contactsFile(new Contact(champion.accountId(), champion.email(), champion.name(), ContactRole.ADMIN,
                champion.timezone(), false, true)));

        assertThat(history.contactChangesOf(acme.id(), 10)).extracting(ContactSignal::change, ContactSignal::role,
                        ContactSignal::active, ContactSignal::unsubscribed)
                .containsExactly(tuple(ContactChange.UNSUBSCRIBED, ContactRole.ADMIN, false, true),
                        tuple(ContactChange.BECAME_INACTIVE, ContactRole.ADMIN, false, false),
                        tuple(ContactChange.ROLE_CHANGED, ContactRole.ADMIN, true, false),
                        tuple(ContactChange.ADDED, ContactRole.CHAMPION, true, false));
        assertThat(history.contactsAsOf(List.of(acme.id()), before).get(acme.id()))
                .containsExactly(champion);
    }

    @Test
    void given_an_unsubscribe_then_every_contact_with_the_address_has_it_in_its_history() {
        TestData acme = TestData.account("Unsubscriber", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Contact champion = contacts.of(acme.id()).get(0);

        List<ContactSignal> changes = transaction.execute(tx ->
                contacts.unsubscribe(champion.email().toUpperCase(), TestClock.now(), ChangeCause.unsubscribeLink()));

        assertThat(changes).extracting(ContactSignal::accountId, ContactSignal::change).containsExactly(tuple(acme.id(), ContactChange.UNSUBSCRIBED));
        assertThat(jdbc.sql("SELECT origin FROM contact_change WHERE account_id = ? AND change = 'UNSUBSCRIBED'").param(acme.id())
                .query(String.class).single()).isEqualTo("UNSUBSCRIBE_LINK");
        assertThat(timeline.of(acme.id(), 10)).extracting(TimelineEntry::type).contains("contact.unsubscribed");
        List<ContactSignal> again = transaction.execute(tx -> contacts.unsubscribe(champion.email(), TestClock.now(),
                ChangeCause.unsubscribeLink()));
        assertThat(again).as("already unsubscribed").isEmpty();
    }

    @Test
    void given_stage_changes_then_each_is_kept_with_its_cause_and_the_stage_of_each_past_moment_is_as_it_was() {
        TestData acme = TestData.account("Stage Mover", Segment.LOW_TOUCH).stage(Stage.ONBOARDING);
        intake.accept(acme.batch());
        Instant created = TestClock.now();

        boolean moved = transaction.execute(tx -> accounts.changeStage(acme.id(), Stage.ADOPTION, null, ChangeCause.rule("Onboarding done")));
        Instant adopted = TestClock.now();
        boolean again = transaction.execute(tx -> accounts.changeStage(acme.id(), Stage.ADOPTION, null, ChangeCause.rule("Onboarding done")));
        transaction.executeWithoutResult(tx -> accounts.changeStage(acme.id(), Stage.VALUE, null, ChangeCause.source("accounts.csv line 9")));

        assertThat(moved).isTrue();
        assertThat(again).as("already there: nothing to record").isFalse();
        assertThat(history.stageChangesOf(acme.id(), 10)).extracting(StageChange::from, StageChange::to, StageChange::origin, StageChange::cause)
                .containsExactly(tuple(Stage.ADOPTION, Stage.VALUE, ChangeOrigin.SOURCE, "accounts.csv line 9"),
                        tuple(Stage.ONBOARDING, Stage.ADOPTION, ChangeOrigin.RULE, "rule \"Onboarding done\""),
                        tuple(null, Stage.ONBOARDING, ChangeOrigin.SOURCE, "account " + acme.id()));
        assertThat(timeline.of(acme.id(), 10)).extracting(TimelineEntry::type, TimelineEntry::summary)
                .contains(tuple("stage", "Stage moved from ONBOARDING to ADOPTION (rule \"Onboarding done\")"),
                        tuple("stage", "Stage moved from ADOPTION to VALUE (accounts.csv line 9)"));
        Set<String> one = Set.of(acme.id());
        assertThat(history.stagesAsOf(one, JUNE)).as("before the account was created: its first stage")
                .isEqualTo(Map.of(acme.id(), Stage.ONBOARDING));
        assertThat(history.stagesAsOf(one, created)).isEqualTo(Map.of(acme.id(), Stage.ONBOARDING));
        assertThat(history.stagesAsOf(one, adopted)).isEqualTo(Map.of(acme.id(), Stage.ADOPTION));
        assertThat(history.stagesAsOf(one, TestClock.now())).isEqualTo(Map.of(acme.id(), Stage.VALUE));
    }

    @Test
    void given_a_cancellation_imported_late_after_a_rule_moved_the_stage_then_every_moment_since_it_reads_churned_as_the_account_is() {
        TestData acme = TestData.account("Late Cancellation", Segment.LOW_TOUCH).stage(Stage.VALUE);
        intake.accept(acme.batch());
        Instant tenDaysAgo = TestClock.now().minus(10, ChronoUnit.DAYS);
        transaction.executeWithoutResult(tx -> accounts.changeStage(acme.id(), Stage.RENEWAL, tenDaysAgo,
                ChangeCause.rule("Renewal is near")));

        // The billing export of two months ago arrives only now.
        intake.accept(acme.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 60).signalsOnly());

        Set<String> one = Set.of(acme.id());
        assertThat(accounts.find(acme.id()).orElseThrow().stage()).isEqualTo(Stage.CHURNED);
        assertThat(history.stagesAsOf(one, TestClock.now())).as("the stage now, read from history").isEqualTo(Map.of(acme.id(), Stage.CHURNED));
        assertThat(history.stagesAsOf(one, tenDaysAgo.plus(1, ChronoUnit.DAYS))).isEqualTo(Map.of(acme.id(), Stage.CHURNED));
        assertThat(history.stagesAsOf(one, TestClock.now().minus(30, ChronoUnit.DAYS))).isEqualTo(Map.of(acme.id(), Stage.CHURNED));
        assertThat(history.stagesAsOf(one, TestClock.now().minus(90, ChronoUnit.DAYS))).isEqualTo(Map.of(acme.id(), Stage.VALUE));
    }

    /** A replay from May, whatever it applies by each moment, has the account's contacts as the history reads them then. */
    private void assertReplayFromReadsAsHistory(TestData acme, Instant MAY, Instant JUNE, Instant JULY) {
        SignalHistory replay = SignalHistory.replaying();
        history.contactChanges(MAY, TestClock.now()).stream().filter(c -> c.accountId().equals(acme.id())).forEach(replay::add);
        List<Contact> inMay = history.contactsAsOf(List.of(acme.id()), MAY).get(acme.id());
        for (Instant moment : List.of(MAY, JUNE.plus(1, ChronoUnit.DAYS), JULY.plus(1, ChronoUnit.DAYS), TestClock.now())) {
            // A replay knows contacts by what their changes say, not by name.
            assertThat(replay.contactsAsOf(inMay, moment)).as("a replay from May, at %s", moment)
                    .extracting(Contact::email, Contact::role, Contact::active, Contact::unsubscribed)
                    .containsExactlyInAnyOrderElementsOf(history.contactsAsOf(List.of(acme.id()), moment).get(acme.id()).stream()
                            .map(c -> tuple(c.email(), c.role(), c.active(), c.unsubscribed())).toList());
        }
    }

    private static Contact inactive(Contact c) {
        return new Contact(c.accountId(), c.email(), c.name(), c.role(), c.timezone(), false, c.unsubscribed());
    }

    private static Batch contactsFile(Contact contact) {
        return new Batch(List.of(), List.of(new Labeled<>("contacts.csv line 2", contact)), List.of());
    }

    /** The email of Sam, a contact a source tells the account of. */
    private static String sam(TestData account) {
        return "sam@" + account.id() + ".test";
    }

    /** Sam, active, as a source sends them. */
    private static Contact sam(TestData account, ContactRole role, boolean unsubscribed) {
        return new Contact(account.id(), sam(account), "Sam", role, null, true, unsubscribed);
    }
}
