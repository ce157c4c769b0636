package dev.tenure.api.accountpages;

import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A health trend drawn as inline SVG polylines: the score and each component, 0–100 over the period
 * (oldest left). Computed here so the page needs no chart library and the numbers are in the page's
 * table too, for screen readers.
 */
record HealthChart(List<Line> lines, List<HealthScore> scores) {

    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    private static final String[] COLOURS = {"#1f5fbf", "#2e7d32", "#a3211a", "#8e24aa", "#ef6c00", "#00838f"};
    private static final String[] DASHES = {"", "6 3", "2 3", "10 4 2 4", "1 4", "8 8"};

    /**
     * One series: its name, colour and dash pattern (so it does not rely on colour alone), its SVG points,
     * and the same points as dots (a single score is a dot, not an invisible line).
     */
    public record Line(String name, String colour, String dash, String points, int width, List<Dot> dots) {
    }

    public record Dot(double x, double y) {
    }

    /** {@code history} newest first, as the store returns it. */
    static HealthChart of(List<HealthScore> history, Instant now, Duration period) {
        Instant from = now.minus(period);
        List<HealthScore> shown = new ArrayList<>(history.stream().filter(h -> !h.computedAt().isBefore(from)).toList());
        java.util.Collections.reverse(shown);
        Map<String, List<Double>> series = new LinkedHashMap<>();
        List<Double> xs = new ArrayList<>();
        for (HealthScore h : shown) {
            xs.add(x(h.computedAt(), from, now));
            series.computeIfAbsent("Health score", k -> new ArrayList<>()).add((double) h.score());
            for (HealthComponent c : h.components()) {
                series.computeIfAbsent(c.name(), k -> new ArrayList<>()).add((double) c.score());
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            List<Double> ys = s.getValue();
            List<Dot> dots = java.util.stream.IntStream.range(0, Math.min(xs.size(), ys.size()))
                    .mapToObj(n -> new Dot(xs.get(n), Math.round(y(ys.get(n)) * 10) / 10.0)).toList();
            String points = dots.stream().map(d -> String.format(java.util.Locale.ROOT, "%.1f,%.1f", d.x(), d.y()))
                    .collect(Collectors.joining(" "));
            lines.add(new Line(s.getKey(), COLOURS[i % COLOURS.length], DASHES[i % DASHES.length], points, i == 0 ? 3 : 1, dots));
            i++;
        }
        List<HealthScore> newestFirst = new ArrayList<>(shown);
        java.util.Collections.reverse(newestFirst);
        return new HealthChart(lines, newestFirst);
    }

    public boolean empty() {
        return scores.isEmpty();
    }

    private static double x(Instant at, Instant from, Instant to) {
        double span = Math.max(1, Duration.between(from, to).toSeconds());
        return Math.round(WIDTH * Duration.between(from, at).toSeconds() / span * 10) / 10.0;
    }

    private static double y(double score) {
        return HEIGHT - HEIGHT * Math.max(0, Math.min(100, score)) / 100.0;
    }
}
