package dev.tenure.engine.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Counts a churn report's outcomes per band and judges the separation; pure arithmetic, no database. */
public final class ChurnTally {

    private ChurnTally() {
    }

    public static ChurnReport tally(LocalDate from, LocalDate to, int leadDays, String csm, String segment,
                                    List<ChurnOutcome> outcomes, ChurnReportProperties rules) {
        List<ChurnReport.BandRow> rows = new ArrayList<>();
        for (String band : ChurnReport.BANDS) {
            rows.add(row(band, outcomes.stream().filter(o -> o.startBand().equals(band)).toList()));
        }
        return new ChurnReport(from, to, leadDays, csm, segment, rows, separation(rows.get(0), rows.get(2), rules));
    }

    private static ChurnReport.BandRow row(String band, List<ChurnOutcome> in) {
        int cancelled = (int) in.stream().filter(ChurnOutcome::cancelled).count();
        int contracted = (int) in.stream().filter(ChurnOutcome::contracted).count();
        List<ChurnOutcome> lost = in.stream().filter(ChurnOutcome::lost).toList();
        List<Long> leads = in.stream().filter(o -> o.cancelled() && o.leadDays() != null).map(ChurnOutcome::leadDays)
                .sorted().toList();
        return new ChurnReport.BandRow(band, in.size(), cancelled, contracted, lost.size(), share(cancelled, in.size()),
                share(contracted, in.size()), share(lost.size(), in.size()), median(leads), lost);
    }

    /**
     * The rule: with fewer than {@code minAccountsPerBand} accounts in GOOD or in POOR, or no account lost in
     * the period, there is too little to tell; otherwise health separates when POOR's rate is above GOOD's
     * and at least {@code minLift} times it.
     */
    static ChurnReport.Separation separation(ChurnReport.BandRow good, ChurnReport.BandRow poor, ChurnReportProperties rules) {
        double poorRate = poor.rate();
        double goodRate = good.rate();
        if (good.accounts() < rules.minAccountsPerBand() || poor.accounts() < rules.minAccountsPerBand()) {
            return new ChurnReport.Separation(ChurnReport.Verdict.TOO_FEW_TO_TELL, String.format(Locale.ROOT,
                    "too few accounts to tell: %d GOOD and %d POOR at the start of the period; at least %d of each are needed",
                    good.accounts(), poor.accounts(), rules.minAccountsPerBand()), poorRate, goodRate);
        }
        if (good.cancelledOrContracted() + poor.cancelledOrContracted() == 0) {
            return new ChurnReport.Separation(ChurnReport.Verdict.TOO_FEW_TO_TELL,
                    "no GOOD or POOR account cancelled or contracted in the period: nothing to tell apart", poorRate, goodRate);
        }
        if (poorRate > goodRate && poorRate >= rules.minLift() * goodRate) {
            return new ChurnReport.Separation(ChurnReport.Verdict.SEPARATES, String.format(Locale.ROOT,
                    "POOR accounts cancelled or contracted at %s, GOOD ones at %s: at least %s times as often",
                    pct(poorRate), pct(goodRate), number(rules.minLift())), poorRate, goodRate);
        }
        return new ChurnReport.Separation(ChurnReport.Verdict.DOES_NOT_SEPARATE, String.format(Locale.ROOT,
                "POOR accounts cancelled or contracted at %s, GOOD ones at %s: the POOR rate must be above the GOOD rate "
                        + "and at least %s times it", pct(poorRate), pct(goodRate), number(rules.minLift())),
                poorRate, goodRate);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    static Double median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static String pct(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
