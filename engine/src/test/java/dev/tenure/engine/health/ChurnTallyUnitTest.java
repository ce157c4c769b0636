package dev.tenure.engine.health;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The churn report's arithmetic and its verdict, on hand-made outcomes. */
class ChurnTallyUnitTest {

    private static final LocalDate FROM = LocalDate.parse("2026-01-01");
    private static final LocalDate TO = LocalDate.parse("2026-04-01");
    private static final ChurnReportProperties RULES = new ChurnReportProperties(5, 2.0, 365);

    @Test
    void poor_accounts_losing_three_times_as_often_as_good_ones_separate() {
        // GOOD: 1 of 5 lost (20%); POOR: 3 of 5 lost (60%), three times as often.
        ChurnReport report = tally(band("GOOD", 5, 1), band("POOR", 5, 3));

        assertThat(report.separation().verdict()).isEqualTo(ChurnReport.Verdict.SEPARATES);
        assertThat(report.separation().flagged()).isFalse();
        assertThat(report.separation().poorRate()).isEqualTo(0.6);
        assertThat(report.separation().goodRate()).isEqualTo(0.2);
        assertThat(report.separation().reason()).isEqualTo(
                "POOR accounts cancelled or contracted at 60.0%, GOOD ones at 20.0%: at least 2 times as often");
    }

    @Test
    void a_model_whose_poor_band_loses_no_more_than_its_good_band_is_flagged() {
        ChurnReport report = tally(band("GOOD", 5, 2), band("POOR", 6, 2));

        assertThat(report.separation().verdict()).isEqualTo(ChurnReport.Verdict.DOES_NOT_SEPARATE);
        assertThat(report.separation().flagged()).isTrue();
        assertThat(report.separation().reason()).isEqualTo("POOR accounts cancelled or contracted at 33.3%, GOOD ones "
                + "at 40.0%: the POOR rate must be above the GOOD rate and at least 2 times it");
    }

    @Test
    void a_poor_rate_above_the_good_one_but_not_twice_it_is_not_clear_enough() {
        // 3 of 5 against 2 of 5: 60% is above 40% but only 1.5 times it.
        ChurnReport report = tally(band("GOOD", 5, 2), band("POOR", 5, 3));

        assertThat(report.separation().verdict()).isEqualTo(ChurnReport.Verdict.DOES_NOT_SEPARATE);
    }

    @Test
    void too_few_accounts_in_a_band_say_so_rather_than_judge() {
        ChurnReport report = tally(band("GOOD", 4, 0), band("POOR", 9, 9));

        assertThat(report.separation().verdict()).isEqualTo(ChurnReport.Verdict.TOO_FEW_TO_TELL);
        assertThat(report.separation().reason()).isEqualTo(
                "too few accounts to tell: 4 GOOD and 9 POOR at the start of the period; at least 5 of each are needed");
    }

    @Test
    void a_period_where_nobody_left_tells_nothing() {
        ChurnReport report = tally(band("GOOD", 5, 0), band("POOR", 5, 0));

        assertThat(report.separation().verdict()).isEqualTo(ChurnReport.Verdict.TOO_FEW_TO_TELL);
        assertThat(report.separation().reason()).startsWith("no GOOD or POOR account cancelled or contracted");
    }

    @Test
    void counts_rates_and_the_median_lead_of_each_band() {
        List<ChurnOutcome> outcomes = List.of(
                new ChurnOutcome("p1", "P1", "LOW_TOUCH", "c", "POOR", true, false, 61L),
                new ChurnOutcome("p2", "P2", "LOW_TOUCH", "c", "POOR", true, true, 55L),
                new ChurnOutcome("p3", "P3", "LOW_TOUCH", "c", "POOR", true, false, 10L),
                new ChurnOutcome("p4", "P4", "LOW_TOUCH", "c", "POOR", false, true, null),
                new ChurnOutcome("a1", "A1", "LOW_TOUCH", "c", "AVERAGE", true, false, null),
                new ChurnOutcome("g1", "G1", "LOW_TOUCH", "c", "GOOD", false, false, null));

        ChurnReport report = ChurnTally.tally(FROM, TO, 365, null, null, outcomes, RULES);

        ChurnReport.BandRow poor = report.bands().get(2);
        assertThat(poor.band()).isEqualTo("POOR");
        assertThat(poor.accounts()).isEqualTo(4);
        assertThat(poor.cancelled()).isEqualTo(3);
        assertThat(poor.contracted()).isEqualTo(2);
        assertThat(poor.cancelledOrContracted()).isEqualTo(4);
        assertThat(poor.cancelledRate()).isEqualTo(0.75);
        assertThat(poor.contractedRate()).isEqualTo(0.5);
        assertThat(poor.rate()).isEqualTo(1.0);
        assertThat(poor.medianLeadDays()).isEqualTo(55.0);          // 10, 55, 61
        assertThat(report.bands().get(1).medianLeadDays()).isNull(); // a cancellation with no score before it
        assertThat(report.bands().get(3).accounts()).isZero();       // nobody unscored
        assertThat(ChurnTally.median(List.of(40L, 55L, 61L, 70L))).isEqualTo(58.0);
    }

    private static ChurnReport tally(List<ChurnOutcome> good, List<ChurnOutcome> poor) {
        List<ChurnOutcome> all = new ArrayList<>(good);
        all.addAll(poor);
        return ChurnTally.tally(FROM, TO, 365, null, null, all, RULES);
    }

    /** {@code accounts} in the band, the first {@code lost} of them cancelled. */
    private static List<ChurnOutcome> band(String band, int accounts, int lost) {
        List<ChurnOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            outcomes.add(new ChurnOutcome(band + i, band + i, "LOW_TOUCH", "c", band, i < lost, false, i < lost ? 30L : null));
        }
        return outcomes;
    }
}
