package dev.tenure.api.health;

import dev.tenure.engine.health.AccountHealth;
import dev.tenure.engine.health.BandCounts;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthDistribution;
import dev.tenure.engine.vocabulary.HealthScore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The health reports as CSV: a header row, one row per figure, served as a download. */
final class HealthCsv {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private HealthCsv() {
    }

    static ResponseEntity<String> download(String fileName, String csv) {
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .body(csv);
    }

    /** One row per day's score: when, score, band, the model version, then each component's score. */
    static String account(AccountHealth health) {
        List<String> names = health.now() == null ? List.of() : health.now().components().stream().map(c -> c.name()).toList();
        List<String> header = new ArrayList<>(List.of("account_id", "computed_at", "score", "band", "model_version"));
        names.forEach(n -> header.add(n + "_score"));
        StringBuilder csv = new StringBuilder(line(header));
        for (HealthScore h : health.history()) {
            List<String> row = new ArrayList<>(List.of(health.accountId(), h.computedAt().toString(),
                    String.valueOf(h.score()), h.band(), h.modelVersion() == null ? "" : h.modelVersion()));
            Map<String, Integer> byName = h.components().stream()
                    .collect(Collectors.toMap(c -> c.name(), c -> c.score(), (a, b) -> a));
            names.forEach(n -> row.add(byName.containsKey(n) ? String.valueOf(byName.get(n)) : ""));
            csv.append(line(row));
        }
        return csv.toString();
    }

    /** One row per group: all accounts, each segment, each CSM. */
    static String distribution(HealthDistribution d) {
        StringBuilder csv = new StringBuilder(line(List.of("as_of", "group", "name", "good", "average", "poor", "unscored", "total")));
        csv.append(counts(d, "all", "all", d.all()));
        d.bySegment().forEach((name, counts) -> csv.append(counts(d, "segment", name, counts)));
        d.byCsm().forEach((name, counts) -> csv.append(counts(d, "csm", name, counts)));
        return csv.toString();
    }

    private static String counts(HealthDistribution d, String group, String name, BandCounts c) {
        return line(List.of(d.asOf().toString(), group, name, String.valueOf(c.good()), String.valueOf(c.average()),
                String.valueOf(c.poor()), String.valueOf(c.unscored()), String.valueOf(c.total())));
    }

    /** One row per band at the start of the period; the verdict on every row, so a single row still says it. */
    static String churn(ChurnReport r) {
        StringBuilder csv = new StringBuilder(line(List.of("from", "to", "band", "accounts", "cancelled", "contracted",
                "cancelled_or_contracted", "cancelled_rate", "contracted_rate", "rate", "median_lead_days", "separation")));
        for (ChurnReport.BandRow b : r.bands()) {
            csv.append(line(List.of(r.from().toString(), r.to().toString(), b.band(), String.valueOf(b.accounts()),
                    String.valueOf(b.cancelled()), String.valueOf(b.contracted()), String.valueOf(b.cancelledOrContracted()),
                    rate(b.cancelledRate()), rate(b.contractedRate()), rate(b.rate()),
                    b.medianLeadDays() == null ? "" : String.valueOf(b.medianLeadDays()), r.separation().verdict().name())));
        }
        return csv.toString();
    }

    private static String rate(double rate) {
        return String.format(Locale.ROOT, "%.4f", rate);
    }

    private static String line(List<String> cells) {
        return cells.stream().map(HealthCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet never runs a cell as a formula. */
    private static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
