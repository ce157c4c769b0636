package dev.tenure.api.health;

import dev.tenure.engine.health.BandCounts;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The health page's bar charts, as coordinates for inline SVG: computed here so the page needs no chart
 * library. Every bar carries its number as text, and each band its own fill pattern, so colour is never
 * the only cue; the page shows the same numbers as tables.
 */
final class HealthCharts {

    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    /** Room under the bars for the group names, above them for the numbers. */
    static final int BASELINE = HEIGHT - 30;
    private static final int TOP = 20;
    static final List<String> BANDS = List.of("GOOD", "AVERAGE", "POOR", "UNSCORED");
    private static final Map<String, String> FILLS = Map.of("GOOD", "#2e7d32", "AVERAGE", "#ef6c00", "POOR", "#a3211a",
            "UNSCORED", "#8a94a6");

    private HealthCharts() {
    }

    /** One bar: where it stands, its band (for the fill and pattern) and the text written above it. */
    record Bar(double x, double y, double width, double height, String band, String fill, String label, String title) {
    }

    /** A group of bars under one name (a segment, or all accounts). */
    record Group(String name, double labelX, List<Bar> bars) {
    }

    static List<Group> distribution(HealthDistribution d) {
        Map<String, BandCounts> groups = new LinkedHashMap<>();
        groups.put("All accounts", d.all());
        groups.putAll(d.bySegment());
        int max = groups.values().stream().flatMap(c -> BANDS.stream().map(c::of)).max(Integer::compare).orElse(0);
        double groupWidth = (double) WIDTH / groups.size();
        double barWidth = Math.min(40, (groupWidth - 20) / BANDS.size());
        List<Group> result = new ArrayList<>();
        int g = 0;
        for (Map.Entry<String, BandCounts> e : groups.entrySet()) {
            double start = g * groupWidth + (groupWidth - barWidth * BANDS.size()) / 2;
            List<Bar> bars = new ArrayList<>();
            for (int b = 0; b < BANDS.size(); b++) {
                String band = BANDS.get(b);
                int n = e.getValue().of(band);
                double h = max == 0 ? 0 : (BASELINE - TOP) * (double) n / max;
                bars.add(bar(start + b * barWidth, barWidth - 4, h, band, String.valueOf(n),
                        e.getKey() + ", " + band.toLowerCase(Locale.ROOT) + ": " + n + " accounts"));
            }
            result.add(new Group(e.getKey(), round(g * groupWidth + groupWidth / 2), bars));
            g++;
        }
        return result;
    }

    /** One bar per band: the share of its accounts that cancelled or contracted, 0–100%. */
    static List<Bar> churn(ChurnReport report) {
        double slot = (double) WIDTH / report.bands().size();
        double barWidth = Math.min(90, slot - 40);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < report.bands().size(); i++) {
            ChurnReport.BandRow row = report.bands().get(i);
            double h = (BASELINE - TOP) * row.rate();
            String label = row.accounts() == 0 ? "no accounts"
                    : percent(row.rate()) + " (" + row.cancelledOrContracted() + " of " + row.accounts() + ")";
            bars.add(bar(i * slot + (slot - barWidth) / 2, barWidth, h, row.band(), label,
                    row.band().toLowerCase(Locale.ROOT) + ": " + label + " cancelled or contracted"));
        }
        return bars;
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }

    private static Bar bar(double x, double width, double height, String band, String label, String title) {
        return new Bar(round(x), round(BASELINE - height), round(width), round(height), band, FILLS.get(band), label, title);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
