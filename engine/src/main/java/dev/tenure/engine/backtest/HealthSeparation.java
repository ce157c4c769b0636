package dev.tenure.engine.backtest;

import dev.tenure.engine.health.ChurnOutcome;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.ChurnReportProperties;
import dev.tenure.engine.health.ChurnTally;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Does the candidate's health model separate the accounts that cancelled? The period is cut into slices of
 * {@link #SLICE_DAYS} days from {@code from}; at the start of each, every account not yet cancelled is
 * scored from its signals before then, and counts once in the band it had, as cancelled if it cancelled
 * within that slice. The bands are tallied with the churn report's own arithmetic ({@link ChurnTally}).
 * Only whole slices count: the last days of a period that do not fill one are left out (their outcome is not
 * known in full), and a period shorter than a slice has none.
 *
 * @param sliceDays        the length of a slice
 * @param slices           the slices counted
 * @param report           the bands over all slices (an account counts once per slice); {@code leadDays} is
 *                         the slice length, lead times are not known here
 * @param poorToGoodRatio  POOR's cancellation rate / GOOD's; null when GOOD's is 0 or a band is empty
 */
public record HealthSeparation(int sliceDays, int slices, ChurnReport report, Double poorToGoodRatio) {

    public static final int SLICE_DAYS = 30;

    /**
     * Whether POOR accounts cancelled at least {@code times} as often as GOOD ones (and some did): also true when
     * no GOOD account cancelled, where the ratio cannot be told.
     */
    public boolean separatesBy(double times) {
        ChurnReport.BandRow good = report.bands().get(0);
        ChurnReport.BandRow poor = report.bands().get(2);
        return good.accounts() > 0 && poor.accounts() > 0 && poor.cancelledRate() > 0
                && poor.cancelledRate() >= times * good.cancelledRate();
    }

    /** The starts of the whole slices of [from, to). */
    static List<Instant> sliceStarts(Instant from, Instant to) {
        List<Instant> starts = new ArrayList<>();
        Duration slice = Duration.ofDays(SLICE_DAYS);
        for (Instant start = from; !start.plus(slice).isAfter(to); start = start.plus(slice)) {
            starts.add(start);
        }
        return starts;
    }

    static HealthSeparation of(Instant from, Instant to, List<ReplayTally.SliceBand> bands,
                               Map<String, List<Instant>> cancellations, ChurnReportProperties judgement) {
        Duration slice = Duration.ofDays(SLICE_DAYS);
        List<ChurnOutcome> outcomes = bands.stream()
                .sorted(Comparator.comparing(ReplayTally.SliceBand::sliceStart).thenComparing(b -> b.account().id()))
                .map(b -> {
                    // Any of its cancellations: an account that came back may cancel again in a later slice.
                    boolean within = cancellations.getOrDefault(b.account().id(), List.of()).stream()
                            .anyMatch(c -> !c.isBefore(b.sliceStart()) && c.isBefore(b.sliceStart().plus(slice)));
                    return new ChurnOutcome(b.account().id(), b.account().name(),
                            b.account().segment() == null ? null : b.account().segment().name(), b.account().csm(),
                            b.band(), within, false, null);
                }).toList();
        ChurnReport report = ChurnTally.tally(LocalDate.ofInstant(from, ZoneOffset.UTC), LocalDate.ofInstant(to, ZoneOffset.UTC),
                SLICE_DAYS, null, null, outcomes, judgement);
        ChurnReport.BandRow good = report.bands().get(0);
        ChurnReport.BandRow poor = report.bands().get(2);
        Double ratio = good.accounts() == 0 || poor.accounts() == 0 || good.cancelledRate() == 0 ? null : poor.cancelledRate() / good.cancelledRate();
        return new HealthSeparation(SLICE_DAYS, sliceStarts(from, to).size(), report, ratio);
    }
}
