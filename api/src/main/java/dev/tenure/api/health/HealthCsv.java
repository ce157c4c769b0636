package dev.tenure.api.health;

import dev.tenure.api.csv.CsvTable;
import dev.tenure.engine.health.AccountHealth;
import dev.tenure.engine.health.BandCounts;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthDistribution;
import dev.tenure.engine.vocabulary.HealthScore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The health reports as CSV: a header row, one row per figure, served as a download. */
final class HealthCsv {

    private HealthCsv() {
    }

    /** One row per day's score: when, score, band, the model version, then each component's score. */
    static CsvTable account(AccountHealth health) {
        List<String> names = health.now() == null ? List.of() : health.now().components().stream().map(c -> c.name()).toList();
        List<String> header = new ArrayList<>(List.of("account_id", "computed_at", "score", "band", "model_version"));
        names.forEach(n -> header.add(n + "_score"));
        CsvTable csv = new CsvTable(header);
        for (HealthScore h : health.history()) {
            List<Object> row = new ArrayList<>(Arrays.asList(health.accountId(), h.computedAt(), h.score(), h.band(), h.modelVersion()));
            Map<String, Integer> byName = h.components().stream()
                    .collect(Collectors.toMap(c -> c.name(), c -> c.score(), (a, b) -> a));
            names.forEach(n -> row.add(byName.get(n)));
            csv.row(row);
        }
        return csv;
    }

    /** One row per group: all accounts, each segment, each CSM. */
    static CsvTable distribution(HealthDistribution d) {
        CsvTable csv = new CsvTable(List.of("as_of", "group", "name", "good", "average", "poor", "unscored", "total"));
        counts(csv, d, "all", "all", d.all());
        d.bySegment().forEach((name, counts) -> counts(csv, d, "segment", name, counts));
        d.byCsm().forEach((name, counts) -> counts(csv, d, "csm", name, counts));
        return csv;
    }

    private static void counts(CsvTable csv, HealthDistribution d, String group, String name, BandCounts c) {
        csv.row(List.of(d.asOf(), group, name, c.good(), c.average(), c.poor(), c.unscored(), c.total()));
    }

    /** One row per band at the start of the period; the verdict on every row, so a single row still says it. */
    static CsvTable churn(ChurnReport r) {
        CsvTable csv = new CsvTable(List.of("from", "to", "band", "accounts", "cancelled", "contracted",
                "cancelled_or_contracted", "cancelled_rate", "contracted_rate", "rate", "median_lead_days", "separation"));
        for (ChurnReport.BandRow b : r.bands()) {
            csv.row(Arrays.asList(r.from(), r.to(), b.band(), b.accounts(), b.cancelled(), b.contracted(), b.cancelledOrContracted(),
                    rate(b.cancelledRate()), rate(b.contractedRate()), rate(b.rate()), b.medianLeadDays(), r.separation().verdict()));
        }
        return csv;
    }

    /** Rates (0 to 1) to four decimals: a band of a few hundred accounts still shows one account's share. */
    private static BigDecimal rate(double rate) {
        return BigDecimal.valueOf(rate).setScale(4, RoundingMode.HALF_UP);
    }
}
