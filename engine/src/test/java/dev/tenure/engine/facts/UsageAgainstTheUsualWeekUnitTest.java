package dev.tenure.engine.facts;

import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import dev.tenure.engine.vocabulary.UsageTrend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A usage trend judges the last three weeks against the account's usual week (the median of the eight weeks
 * before them) and its own variation, so holidays and a small account's noise look different from a decline.
 */
class UsageAgainstTheUsualWeekUnitTest {

    @Test
    void a_drop_that_stayed_for_three_weeks_is_large_and_significant() {
        UsageTrend core = core(TestData.account("Declining", Segment.LOW_TOUCH).startedDaysAgo(400)
                .usage("core", 56, 29, 100).usage("core", 28, 1, 40));

        assertThat(core.usualWeekly()).isEqualTo(700);
        assertThat(List.of(core.last7Days(), core.previous7Days(), core.earlier7Days())).containsExactly(280L, 280L, 280L);
        assertThat(core.sustainedChangePct()).isEqualTo(-60.0);
        // (2,100 - 840) / sqrt(3 x 700 + 9 x 700 x pi/2 / 4): 18.6 standard deviations.
        assertThat(core.dropSignificance()).isEqualTo(18.6);
    }

    @Test
    void a_two_week_holiday_leaves_the_third_week_at_the_usual_level() {
        UsageTrend core = core(TestData.account("On Holiday", Segment.LOW_TOUCH).startedDaysAgo(400)
                .usage("core", 49, 15, 100).usage("core", 14, 1, 20));

        assertThat(core.changePct()).isLessThan(-70);
        assertThat(core.sustainedChangePct()).isEqualTo(0.0);
    }

    @Test
    void a_holiday_of_13_days_that_touches_each_of_the_last_three_weeks_is_not_a_drop_that_stayed() {
        // At a tenth of the usual use from 17 to 5 days ago: 3, 7 and 3 of its days fall in the last three weeks.
        UsageTrend core = core(TestData.account("Long Holiday", Segment.LOW_TOUCH).startedDaysAgo(400)
                .usage("core", 84, 18, 100).usage("core", 17, 5, 10).usage("core", 4, 1, 100));

        assertThat(List.of(core.last7Days(), core.previous7Days(), core.earlier7Days())).containsExactly(430L, 70L, 430L);
        assertThat(core.bestWeekOf28Days()).isEqualTo(700);
        assertThat(core.sustainedChangePct()).isEqualTo(0.0);
    }

    @Test
    void a_holiday_among_the_usual_weeks_does_not_move_the_usual_week() {
        UsageTrend core = core(TestData.account("Holiday Before", Segment.LOW_TOUCH).startedDaysAgo(400)
                .usage("core", 49, 36, 100).usage("core", 35, 29, 10).usage("core", 28, 1, 100));

        assertThat(core.usualWeekly()).isEqualTo(700);
        assertThat(core.sustainedChangePct()).isEqualTo(0.0);
    }

    @Test
    void a_small_account_s_quiet_weeks_are_not_significant_but_three_silent_weeks_are() {
        UsageTrend quiet = core(TestData.account("Small Quiet", Segment.TECH_TOUCH).startedDaysAgo(400)
                .usage("core", 56, 29, 1).usage("core", 20, 20, 1).usage("core", 12, 12, 1).usage("core", 2, 2, 1));
        UsageTrend silent = core(TestData.account("Small Silent", Segment.TECH_TOUCH).startedDaysAgo(400)
                .usage("core", 56, 29, 1));

        assertThat(quiet.sustainedChangePct()).isLessThan(-80);
        assertThat(quiet.dropSignificance()).isLessThan(3);
        assertThat(silent.dropSignificance()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void weeks_before_the_first_day_of_data_are_not_weeks_without_use() {
        // The usual weeks are 29-84 days ago: data from 42 days ago fills two of them, from 35 days ago one.
        UsageTrend twoWeeks = core(TestData.account("Recent Source", Segment.LOW_TOUCH).startedDaysAgo(400)
                .usage("core", 42, 1, 100));
        UsageTrend oneWeek = core(TestData.account("Very Recent Source", Segment.LOW_TOUCH).startedDaysAgo(400)
                .usage("core", 35, 1, 100));

        assertThat(twoWeeks.usualWeekly()).isEqualTo(700);
        assertThat(twoWeeks.sustainedChangePct()).isEqualTo(0.0);
        assertThat(oneWeek.hasUsualWeek()).isFalse();
        assertThat(oneWeek.dropSignificance()).isEqualTo(0.0);
    }

    @Test
    void a_week_only_partly_after_the_first_day_of_data_is_left_out() {
        // Data from 52 days ago: the week 50-56 days ago holds three days of it, not a week of low use.
        UsageTrend core = core(TestData.account("Mid-week Source", Segment.LOW_TOUCH).startedDaysAgo(400)
                .usage("core", 52, 1, 100));

        assertThat(core.usualWeekly()).isEqualTo(700);
        assertThat(core.sustainedChangePct()).isEqualTo(0.0);
        assertThat(core.dropSignificance()).isEqualTo(0.0);
    }

    @Test
    void urgent_tickets_are_compared_with_the_account_s_usual_rate() {
        TestData data = TestData.account("Ticket Rate", Segment.LOW_TOUCH).startedDaysAgo(400)
                .ticket(TicketPriority.P1, TicketStatus.OPEN, 3).ticket(TicketPriority.P2, TicketStatus.SOLVED, 10)
                .ticket(TicketPriority.P1, TicketStatus.SOLVED, 20).ticket(TicketPriority.P2, TicketStatus.SOLVED, 40)
                .ticket(TicketPriority.P3, TicketStatus.SOLVED, 30).ticket(TicketPriority.P1, TicketStatus.SOLVED, 70);

        TicketLoad tickets = facts(data).tickets();

        assertThat(tickets.highPriorityOpened14d()).isEqualTo(2);
        assertThat(tickets.highPriorityOpened60d()).isEqualTo(4);
        // Two in the 46 days before the last 14: 0.6 in 14 days.
        assertThat(tickets.highPriorityUsual14d()).isEqualTo(0.6);
    }

    @Test
    void a_burst_of_tickets_in_two_weeks_is_judged_on_its_own_fortnight() {
        TestData quiet = TestData.account("Quiet Then A Burst", Segment.LOW_TOUCH).startedDaysAgo(400).usage("core", 120, 0, 30);
        TestData busy = TestData.account("Steady Tickets", Segment.LOW_TOUCH).startedDaysAgo(400).usage("core", 120, 0, 30);
        for (int daysAgo : new int[] {1, 4, 8, 11}) {
            quiet.ticket(TicketPriority.P4, TicketStatus.SOLVED, daysAgo);
            busy.ticket(TicketPriority.P4, TicketStatus.SOLVED, daysAgo);
        }
        for (int daysAgo : new int[] {20, 35, 55, 75}) {
            busy.ticket(TicketPriority.P3, TicketStatus.SOLVED, daysAgo);
        }

        TicketLoad burst = facts(quiet).tickets();
        TicketLoad steady = facts(busy).tickets();

        // Four of four in the last 14 of 88 days, each with chance 14/88: about one in 1,600. Over 28 days, one in 100.
        assertThat(burst.burstSurprise()).isEqualTo(3.2);
        assertThat(burst.pileUpSurprise()).isEqualTo(2.0);
        // Four in two weeks after four in the eleven weeks before: the account's tickets come in clumps.
        assertThat(steady.burstSurprise()).isEqualTo(1.6);
        assertThat(new TicketLoad("a", 0, 0, 0, 0, 3, 0, 3, 0, 0, 3, 3).burstSurprise()).isEqualTo(2.4);
        assertThat(new TicketLoad("a", 0, 0, 0, 0, 4, 0, 4, 0, 0, 4, 4, 28).burstSurprise()).isZero();
    }

    @Test
    void the_usual_rate_of_urgent_tickets_is_judged_on_the_days_known() {
        // Usage began 30 days ago: of the 46 days before the last 14, only 16 are known, and they held one urgent ticket.
        TestData imported = TestData.account("Imported Last Month", Segment.LOW_TOUCH).startedDaysAgo(400)
                .usage("core", 30, 0, 20).ticket(TicketPriority.P1, TicketStatus.SOLVED, 20)
                .ticket(TicketPriority.P1, TicketStatus.OPEN, 2).ticket(TicketPriority.P2, TicketStatus.OPEN, 5);
        // Known for 20 days: 6 days before the last 14 are no rate.
        TestData newer = TestData.account("Imported Last Fortnight", Segment.LOW_TOUCH).startedDaysAgo(400)
                .usage("core", 20, 0, 20).ticket(TicketPriority.P1, TicketStatus.SOLVED, 16)
                .ticket(TicketPriority.P1, TicketStatus.OPEN, 2);

        TicketLoad month = facts(imported).tickets();
        TicketLoad fortnight = facts(newer).tickets();

        assertThat(month.daysKnown()).isEqualTo(30);
        // One in 16 known days: 0.9 in 14 days, not 0.3 as if the 30 days before the data had been quiet.
        assertThat(month.highPriorityUsual14d()).isEqualTo(0.9);
        assertThat(fortnight.daysKnown()).isEqualTo(20);
        assertThat(fortnight.highPriorityUsual14d()).isEqualTo(0.0);
    }

    @Test
    void tickets_of_any_priority_that_pile_up_in_four_weeks_are_surprising_only_against_a_quiet_past() {
        // Both used the product every day for months: the days without tickets are known to be quiet.
        TestData quiet = TestData.account("Quiet Until Now", Segment.LOW_TOUCH).startedDaysAgo(400).usage("core", 120, 0, 30);
        TestData busy = TestData.account("Always Busy", Segment.LOW_TOUCH).startedDaysAgo(400).usage("core", 120, 0, 30);
        for (int daysAgo : new int[] {2, 6, 9, 13, 19, 24}) {
            quiet.ticket(TicketPriority.P3, TicketStatus.SOLVED, daysAgo);
            busy.ticket(TicketPriority.P3, TicketStatus.SOLVED, daysAgo);
        }
        for (int daysAgo : new int[] {31, 40, 50, 60, 70, 80, 100}) {
            busy.ticket(TicketPriority.P4, TicketStatus.SOLVED, daysAgo);
        }

        TicketLoad pileUp = facts(quiet).tickets();
        TicketLoad usual = facts(busy).tickets();

        assertThat(List.of(pileUp.opened28d(), pileUp.opened88d())).containsExactly(6, 6);
        // Each of six tickets in the last 28 of 88 days with chance 28/88: (28/88)^6 is about one in 1,000.
        assertThat(pileUp.pileUpSurprise()).isEqualTo(3.0);
        // The ticket 100 days ago is outside both windows; six in the 60 days before make a month of six usual.
        assertThat(List.of(usual.opened28d(), usual.opened88d())).containsExactly(6, 12);
        assertThat(usual.usual28d()).isEqualTo(2.8);
        assertThat(usual.pileUpSurprise()).isEqualTo(0.8);
    }

    @Test
    void a_pile_up_is_judged_on_the_days_the_account_is_known_not_on_days_before_its_data() {
        int[] ticketsDaysAgo = {2, 6, 9, 13, 19, 24};
        // An import of 40 days: usage and tickets begin there, and the account started long before.
        TestData imported = TestData.account("Imported Forty Days", Segment.LOW_TOUCH).startedDaysAgo(400).usage("core", 40, 0, 30);
        // Tickets alone, nothing older: the same six are all that is known of it.
        TestData ticketsOnly = TestData.account("Tickets Only", Segment.LOW_TOUCH).startedDaysAgo(400);
        for (int daysAgo : ticketsDaysAgo) {
            imported.ticket(TicketPriority.P3, TicketStatus.SOLVED, daysAgo);
            ticketsOnly.ticket(TicketPriority.P3, TicketStatus.SOLVED, daysAgo);
        }

        TicketLoad known40 = facts(imported).tickets();
        TicketLoad known24 = facts(ticketsOnly).tickets();

        assertThat(known40.daysKnown()).isEqualTo(40);
        // Six of six in the last 28 of 40 known days: (28/40)^6, about one chance in 8.
        assertThat(known40.pileUpSurprise()).isEqualTo(0.9);
        assertThat(known40.usual28d()).isZero();
        assertThat(known24.daysKnown()).isEqualTo(24);
        assertThat(known24.pileUpSurprise()).isZero();
        assertThat(known24.usual28d()).isZero();
    }

    @Test
    void in_a_replay_an_account_without_use_is_idle_since_its_first_replayed_signal_not_since_it_started() {
        // Started 400 days ago; what the replay holds of it is an invoice 30 days ago, and no use.
        TestData invoiced = TestData.account("Imported Invoices", Segment.LOW_TOUCH).startedDaysAgo(400)
                .billing(BillingEvent.INVOICE_PAID, 30);
        TestData nothingYet = TestData.account("Nothing Imported", Segment.LOW_TOUCH).startedDaysAgo(400);

        assertThat(idleDays(replayed(invoiced))).isEqualTo(30);
        // The first day of an imported past: nothing is known of the months before, so nothing says it is idle.
        assertThat(idleDays(replayed(nothingYet))).isZero();
        // A scenario, or the live roll-up, counts from the start: an account that never used the product is idle.
        assertThat(idleDays(facts(nothingYet))).isEqualTo(400);
        assertThat(idleDays(facts(invoiced))).isEqualTo(400);
    }

    private static int idleDays(FactSet facts) {
        return facts.usage(UsageTrend.ALL_FEATURES).orElseThrow().daysSinceLastUse();
    }

    private static FactSet replayed(TestData data) {
        return factsFrom(SignalHistory.replaying(), data);
    }

    @Test
    void the_pile_up_measure_stays_finite_for_thousands_of_tickets_and_is_zero_without_any() {
        assertThat(new TicketLoad("a", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).pileUpSurprise()).isEqualTo(0.0);
        assertThat(new TicketLoad("a", 0, 0, 0, 0, 0, 0, 0, 0, 0, 300, 800).pileUpSurprise()).isEqualTo(3.4);
        assertThat(new TicketLoad("a", 0, 0, 0, 0, 0, 0, 0, 0, 0, 3000, 3000).pileUpSurprise()).isFinite().isGreaterThan(100);
        assertThat(new TicketLoad("a", 0, 0, 0, 0, 0, 0, 0, 0, 0, 300_000, 1_000_000).pileUpSurprise()).isZero();
    }

    private static UsageTrend core(TestData data) {
        return facts(data).usage("core").orElseThrow();
    }

    private static FactSet facts(TestData data) {
        return factsFrom(new SignalHistory(), data);
    }

    /** The account's facts at the tests' fixed moment, from its signals added to {@code history}. */
    private static FactSet factsFrom(SignalHistory history, TestData data) {
        data.batch().signals().forEach(s -> history.add(s.value()));
        return history.factsAsOf(data.account(), List.of(), List.of(), List.of(), TestClock.now());
    }
}
