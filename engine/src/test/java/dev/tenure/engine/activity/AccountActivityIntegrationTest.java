package dev.tenure.engine.activity;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's timeline with its signals: what Tenure did and what the account sent, newest first, a page
 * at a time, narrowed to kinds; and the signals behind a rule's facts, before its play started.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class AccountActivityIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    AccountActivity activity;
    @Autowired
    Timeline timeline;

    @Test
    void signals_of_every_kind_and_a_line_per_day_of_usage_join_the_timeline_newest_first() {
        TestData account = TestData.account("Activity Aardvark", Segment.LOW_TOUCH).usage("core", 2, 0, 7)
                .ticket(TicketPriority.P1, TicketStatus.OPEN, 1).billing(BillingEvent.PAYMENT_FAILED, 3).nps(4, 4).csat(2, 5);
        intake.accept(account.batch());

        List<ActivityEntry> all = activity.page(account.id(), Set.of(), 0, 100);

        assertThat(all).extracting(ActivityEntry::at).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(all).extracting(ActivityEntry::type)
                .contains("signal.usage", "signal.ticket", "signal.billing", "signal.nps", "signal.csat", "play.started");
        assertThat(all).filteredOn(e -> e.kind() == ActivityKind.USAGE).hasSize(3)
                .extracting(ActivityEntry::summary).contains("Usage of core on " + TestClock.today() + " (UTC): 7 uses by 5 active users");
        assertThat(all).filteredOn(e -> e.kind() == ActivityKind.BILLING).singleElement()
                .satisfies(e -> assertThat(e.summary()).startsWith("Billing: payment failed, 2000 USD (invoice INV-"));
        assertThat(all).filteredOn(e -> e.kind() == ActivityKind.NPS).singleElement()
                .satisfies(e -> assertThat(e.summary()).isEqualTo("NPS answer 4 of 10 from champion@" + account.id() + ".test, a detractor: \u201cScore 4\u201d"));
        assertThat(all).filteredOn(ActivityEntry::signal).extracting(ActivityEntry::ref).allMatch(r -> r.startsWith("signal:") || r.startsWith("usage:core:"));
    }

    @Test
    void pages_follow_each_other_without_gaps_or_repeats_and_a_filter_keeps_only_its_kinds() {
        TestData account = TestData.account("Activity Anteater", Segment.TECH_TOUCH).usage("core", 30, 0, 3).usage("reports", 30, 0, 1)
                .ticket(TicketPriority.P3, TicketStatus.SOLVED, 2);
        intake.accept(account.batch());

        List<ActivityEntry> whole = activity.page(account.id(), Set.of(), 0, 500);
        List<ActivityEntry> paged = new ArrayList<>();
        for (int offset = 0; offset < whole.size(); offset += 25) {
            paged.addAll(activity.page(account.id(), Set.of(), offset, 25));
        }
        List<ActivityEntry> tickets = activity.page(account.id(), EnumSet.of(ActivityKind.TICKET), 0, 50);

        assertThat(whole).hasSizeGreaterThan(62);
        assertThat(paged).containsExactlyElementsOf(whole);
        assertThat(tickets).singleElement().satisfies(e -> assertThat(e.summary()).matches("Ticket T-\\d+ solved \\(p3 priority\\): Something is broken"));
    }

    @Test
    void the_whole_timeline_keeps_entries_of_a_type_no_kind_names_and_a_filter_leaves_them_out() {
        TestData account = TestData.account("Activity Albatross", Segment.LOW_TOUCH).nps(9, 1);
        intake.accept(account.batch());
        timeline.record(new TimelineEntry(account.id(), TestClock.now(), "slack.posted", "Posted to #cs-alerts", "task:1"));

        List<ActivityEntry> all = activity.page(account.id(), Set.of(), 0, 50);
        List<ActivityEntry> signals = activity.page(account.id(), EnumSet.of(ActivityKind.NPS), 0, 50);

        assertThat(all).filteredOn(e -> e.type().equals("slack.posted")).singleElement()
                .satisfies(e -> assertThat(e.kind()).isNull());
        assertThat(signals).extracting(ActivityEntry::type).containsOnly("signal.nps");
    }

    @Test
    void the_signals_behind_a_rules_facts_are_those_of_the_facts_kinds_before_the_play_started() {
        TestData account = TestData.account("Activity Armadillo", Segment.LOW_TOUCH).usage("core", 5, 0, 2).nps(2, 3).ticket(TicketPriority.P2, TicketStatus.OPEN, 2);
        intake.accept(account.batch());

        List<ActivityEntry> behind = activity.signalsBefore(account.id(), ActivityKind.behind(Set.of("account", "npsSignal")),
                TestClock.now().minus(java.time.Duration.ofDays(1)), 10);

        assertThat(behind).extracting(ActivityEntry::kind).containsOnly(ActivityKind.NPS);
        assertThat(ActivityKind.behind(Set.of("usageTrend", "ticketLoad", "billingStatus", "csatAnswers", "contactSignal", "healthScore")))
                .containsExactlyInAnyOrder(ActivityKind.USAGE, ActivityKind.TICKET, ActivityKind.BILLING, ActivityKind.CSAT, ActivityKind.CONTACT);
    }
}
