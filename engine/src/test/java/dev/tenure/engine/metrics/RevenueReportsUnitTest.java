package dev.tenure.engine.metrics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MRR movements, NRR, GRR and churn rates of three accounts over January to March 2026, every figure
 * worked out by hand (in the comments) from their MRR changes:
 * <pre>
 * A high touch   1000 since 10 Dec; 1200 on 10 Jan; 1500 on 5 Feb and back to 1200 on 20 Feb; cancelled 15 Mar
 * B low touch     500 since 1 Nov;   400 on 20 Jan; cancelled 3 Feb; back at 600 on 10 Mar
 * C low touch       0;               300 on 14 Feb (its first MRR ever)
 * </pre>
 */
class RevenueReportsUnitTest {

    static final MetricsAccount A = new MetricsAccount("a", "HIGH_TOUCH", "dana@tenure.test");
    static final MetricsAccount B = new MetricsAccount("b", "LOW_TOUCH", "tom@tenure.test");
    static final MetricsAccount C = new MetricsAccount("c", "LOW_TOUCH", "tom@tenure.test");

    static final List<MrrHistory> HISTORIES = List.of(
            new MrrHistory(A, List.of(change("2025-12-10", 1000), change("2026-01-10", 1200), change("2026-02-05", 1500),
                    change("2026-02-20", 1200), change("2026-03-15", 0))),
            new MrrHistory(B, List.of(change("2025-11-01", 500), change("2026-01-20", 400), change("2026-02-03", 0),
                    change("2026-03-10", 600))),
            new MrrHistory(C, List.of(change("2026-02-14", 300))));

    static final ReportPeriod Q1 = new ReportPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-04-01"));

    static MrrHistory.Change change(String day, int mrr) {
        return new MrrHistory.Change(Instant.parse(day + "T12:00:00Z"), BigDecimal.valueOf(mrr));
    }

    static BigDecimal pct(String value) {
        return new BigDecimal(value);
    }

    MetricsReport<RevenueFigures> byMonth() {
        return RevenueReports.of(HISTORIES, Q1, GroupBy.MONTH, "USD", List.of());
    }

    @Test
    void january_expansion_and_contraction_give_nrr_above_and_grr_below_one_hundred() {
        MetricsRow<RevenueFigures> january = byMonth().rows().get(0);
        assertThat(january.group()).isEqualTo("2026-01");
        MrrMovements m = january.figures().movements();
        // start: A 1000 + B 500; A +200, B −100; end: 1200 + 400
        assertThat(m.startingMrr()).isEqualByComparingTo("1500");
        assertThat(m.expansion()).isEqualByComparingTo("200");
        assertThat(m.contraction()).isEqualByComparingTo("100");
        assertThat(m.churn()).isEqualByComparingTo("0");
        assertThat(m.endingMrr()).isEqualByComparingTo("1600");
        RetentionRates r = january.figures().rates();
        assertThat(r.nrr()).isEqualTo(pct("106.7"));   // (1500 + 200 − 100) / 1500
        assertThat(r.grr()).isEqualTo(pct("93.3"));    // (1500 − 100) / 1500
        assertThat(r.logoChurnRate()).isEqualTo(pct("0.0"));
        assertThat(r.revenueChurnRate()).isEqualTo(pct("0.0"));
    }

    @Test
    void february_up_then_down_within_the_month_nets_out_and_a_first_mrr_is_new_not_counted_in_retention() {
        MetricsRow<RevenueFigures> february = byMonth().rows().get(1);
        MrrMovements m = february.figures().movements();
        // A 1200 → 1500 → 1200: no movement; B 400 → 0: churn; C 0 → 300: new
        assertThat(m.startingMrr()).isEqualByComparingTo("1600");
        assertThat(m.expansion()).isEqualByComparingTo("0");
        assertThat(m.contraction()).isEqualByComparingTo("0");
        assertThat(m.churn()).isEqualByComparingTo("400");
        assertThat(m.newMrr()).isEqualByComparingTo("300");
        assertThat(m.endingMrr()).isEqualByComparingTo("1500");
        assertThat(m.accountsAtStart()).isEqualTo(2);
        assertThat(m.accountsChurned()).isEqualTo(1);
        RetentionRates r = february.figures().rates();
        assertThat(r.nrr()).isEqualTo(pct("75.0"));    // (1600 − 400) / 1600: C's new 300 is not in it
        assertThat(r.grr()).isEqualTo(pct("75.0"));
        assertThat(r.logoChurnRate()).isEqualTo(pct("50.0"));      // 1 of 2 paying at the start
        assertThat(r.revenueChurnRate()).isEqualTo(pct("25.0"));   // 400 / 1600
    }

    @Test
    void march_a_churned_account_coming_back_is_a_reactivation_not_new_mrr() {
        MetricsRow<RevenueFigures> march = byMonth().rows().get(2);
        MrrMovements m = march.figures().movements();
        // start: A 1200 + B 0 + C 300; A churns 1200; B 0 → 600 having paid before: reactivation
        assertThat(m.startingMrr()).isEqualByComparingTo("1500");
        assertThat(m.churn()).isEqualByComparingTo("1200");
        assertThat(m.reactivation()).isEqualByComparingTo("600");
        assertThat(m.newMrr()).isEqualByComparingTo("0");
        assertThat(m.endingMrr()).isEqualByComparingTo("900");
        RetentionRates r = march.figures().rates();
        assertThat(r.nrr()).isEqualTo(pct("20.0"));    // (1500 − 1200) / 1500: the reactivation is not in it
        assertThat(r.grr()).isEqualTo(pct("20.0"));
        assertThat(r.logoChurnRate()).isEqualTo(pct("50.0"));
        assertThat(r.revenueChurnRate()).isEqualTo(pct("80.0"));
    }

    @Test
    void the_total_compares_the_start_of_the_period_with_its_end_so_a_churn_and_return_within_it_is_an_expansion() {
        MetricsRow<RevenueFigures> total = byMonth().total();
        MrrMovements m = total.figures().movements();
        // A 1000 → 0: churn; B 500 → 600: expansion 100; C 0 → 300: new
        assertThat(m.startingMrr()).isEqualByComparingTo("1500");
        assertThat(m.churn()).isEqualByComparingTo("1000");
        assertThat(m.expansion()).isEqualByComparingTo("100");
        assertThat(m.reactivation()).isEqualByComparingTo("0");
        assertThat(m.newMrr()).isEqualByComparingTo("300");
        assertThat(total.figures().rates().nrr()).isEqualTo(pct("40.0"));   // (1500 + 100 − 1000) / 1500
        assertThat(total.figures().rates().grr()).isEqualTo(pct("33.3"));   // (1500 − 1000) / 1500
    }

    @Test
    void with_no_mrr_at_the_start_every_rate_is_absent_not_zero_and_not_an_error() {
        MetricsReport<RevenueFigures> report = RevenueReports.of(HISTORIES, ReportPeriod.of(YearMonth.of(2025, 11)),
                GroupBy.MONTH, "USD", List.of());
        MetricsRow<RevenueFigures> november = report.rows().get(0);
        // B's first MRR arrives on 1 Nov: new, and nobody paid at the start of November
        assertThat(november.figures().movements().newMrr()).isEqualByComparingTo("500");
        assertThat(november.figures().rates()).isEqualTo(new RetentionRates(null, null, null, null));
        // and twelve months back from 1 Dec 2025 nobody paid either
        assertThat(november.figures().trailingTwelveMonths()).isEqualTo(new RetentionRates(null, null, null, null));
    }

    @Test
    void trailing_twelve_months_compare_each_account_twelve_months_before_the_row_ends() {
        ReportPeriod february2027 = ReportPeriod.of(YearMonth.of(2027, 2));
        RetentionRates trailing = RevenueReports.figures(HISTORIES, february2027).trailingTwelveMonths();
        // window 1 Mar 2026 – 1 Mar 2027: start A 1200, B 0, C 300; end A 0, B 600 (reactivated), C 300
        assertThat(trailing.nrr()).isEqualTo(pct("20.0"));   // (1500 − 1200) / 1500
        assertThat(trailing.logoChurnRate()).isEqualTo(pct("50.0"));
    }

    @Test
    void by_segment_each_segment_is_judged_over_the_whole_period() {
        MetricsReport<RevenueFigures> report = RevenueReports.of(HISTORIES, Q1, GroupBy.SEGMENT, "USD", List.of());
        assertThat(report.rows()).extracting(MetricsRow::group).containsExactly("HIGH_TOUCH", "LOW_TOUCH");
        RetentionRates high = report.rows().get(0).figures().rates();
        assertThat(high.nrr()).isEqualTo(pct("0.0"));      // A: 1000 → 0; something to retain, none retained
        RetentionRates low = report.rows().get(1).figures().rates();
        assertThat(low.nrr()).isEqualTo(pct("120.0"));     // B 500 → 600: (500 + 100) / 500; C's new MRR left out
        assertThat(low.grr()).isEqualTo(pct("100.0"));
    }

    @Test
    void by_csm_each_csm_gets_their_own_accounts() {
        MetricsReport<RevenueFigures> report = RevenueReports.of(HISTORIES, Q1, GroupBy.CSM, "USD", List.of());
        assertThat(report.rows()).extracting(MetricsRow::group).containsExactly("dana@tenure.test", "tom@tenure.test");
        assertThat(report.rows().get(1).figures().movements().startingMrr()).isEqualByComparingTo("500");
    }

    @Test
    void a_change_at_midnight_on_the_first_belongs_to_the_month_it_starts() {
        MrrHistory h = new MrrHistory(A, List.of(new MrrHistory.Change(Instant.parse("2026-02-01T00:00:00Z"), BigDecimal.TEN)));
        assertThat(h.over(ReportPeriod.of(YearMonth.of(2026, 1))).kind()).isEqualTo(MrrMovement.Kind.NONE);
        assertThat(h.over(ReportPeriod.of(YearMonth.of(2026, 2))).kind()).isEqualTo(MrrMovement.Kind.NEW);
    }

    @Test
    void an_account_whose_billing_does_not_start_with_a_positive_mrr_pays_its_arr_over_twelve_from_its_start() {
        Instant start = Instant.parse("2025-06-01T00:00:00Z");
        MrrHistory cancelledOnly = MrrHistory.of(B, List.of(change("2026-02-03", 0)), List.of(), BigDecimal.valueOf(6000), start);
        MrrHistory newBusiness = MrrHistory.of(C, List.of(change("2026-02-14", 300)), List.of(), BigDecimal.valueOf(6000), start);
        MrrHistory noArr = MrrHistory.of(B, List.of(change("2026-02-03", 0)), List.of(), null, start);

        assertThat(cancelledOnly.over(Q1).kind()).isEqualTo(MrrMovement.Kind.CHURN);
        assertThat(cancelledOnly.over(Q1).amount()).isEqualByComparingTo("500");
        assertThat(newBusiness.over(Q1).kind()).isEqualTo(MrrMovement.Kind.NEW);   // its first MRR is new, as before
        assertThat(noArr.over(Q1).kind()).isEqualTo(MrrMovement.Kind.NONE);
        // before its start it paid nothing
        assertThat(cancelledOnly.at(Instant.parse("2025-05-01T00:00:00Z"))).isEqualByComparingTo("0");
    }

    @Test
    void a_reactivation_puts_back_the_last_mrr_paid_else_arr_over_twelve_and_changes_nothing_for_an_account_that_pays() {
        Instant start = Instant.parse("2025-06-01T00:00:00Z");
        Instant march10 = Instant.parse("2026-03-10T12:00:00Z");
        // 500, then 400 in January; cancelled with a change to 0 in February; back on 10 March
        MrrHistory known = MrrHistory.of(B, List.of(change("2025-11-01", 500), change("2026-01-20", 400), change("2026-02-03", 0)),
                List.of(march10), BigDecimal.valueOf(6000), start);
        // no MRR event: 6,000 / 12 = 500; cancelled in February, back on 10 March, cancelled again on 20 March
        MrrHistory silent = MrrHistory.of(B, List.of(change("2026-02-03", 0), change("2026-03-20", 0)), List.of(march10),
                BigDecimal.valueOf(6000), start);
        // paying when it is reactivated (and a reactivation sent twice): nothing changes
        MrrHistory paying = MrrHistory.of(C, List.of(change("2026-01-05", 300)), List.of(march10, march10), null, start);
        // nothing known to put back
        MrrHistory unknown = MrrHistory.of(C, List.of(change("2026-02-03", 0)), List.of(march10), null, start);

        assertThat(known.at(Instant.parse("2026-03-11T00:00:00Z"))).isEqualByComparingTo("400");
        assertThat(known.over(ReportPeriod.of(YearMonth.of(2026, 3))).kind()).isEqualTo(MrrMovement.Kind.REACTIVATION);
        assertThat(silent.over(ReportPeriod.of(YearMonth.of(2026, 2))).amount()).isEqualByComparingTo("500");
        assertThat(silent.at(Instant.parse("2026-03-15T00:00:00Z"))).isEqualByComparingTo("500");
        assertThat(silent.at(Instant.parse("2026-03-21T00:00:00Z"))).isEqualByComparingTo("0");
        assertThat(paying.changes()).hasSize(1);
        assertThat(unknown.at(Instant.parse("2026-03-11T00:00:00Z"))).isEqualByComparingTo("0");
    }
}
