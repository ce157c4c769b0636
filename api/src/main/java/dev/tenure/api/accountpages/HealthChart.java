package dev.tenure.api.accountpages;

import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A health trend drawn as inline SVG polylines: the score and each component, 0–100 over the period
 * (oldest left), inside axes with their values: 0, 25, 50, 75 and 100 up the left, dates (in the reader's
 * zone) along the bottom. Computed here so the page needs no chart library and the numbers are in the
 * page's table too, for screen readers.
 */
record HealthChart(List<Line> lines, List<HealthScore> scores, List<Tick> yTicks, List<Tick> xTicks) {

    static final int WIDTH = 720;
    static final int HEIGHT = 250;
    /** The plot's box inside the SVG: room on the left for the scores, below for the dates. */
    static final int LEFT = 40;
    static final int RIGHT = WIDTH - 12;
    static final int TOP = 10;
    static final int BOTTOM = HEIGHT - 30;
    /** A date every 15 days: 7 labels over 90 days, readable at phone width too. */
    private static final int DATE_EVERY_DAYS = 15;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final String[] COLOURS = {"#1f5fbf", "#2e7d32", "#a3211a", "#8e24aa", "#ef6c00", "#00838f"};
    private static final String[] DASHES = {"", "6 3", "2 3", "10 4 2 4", "1 4", "8 8"};
    /** Each line's points have their own mark too, so lines are told apart without colour or dashes. */
    private static final String[] MARKS = {"circle", "square", "triangle", "diamond", "cross", "bar"};

    /**
     * One series: its name, colour, dash pattern and point mark (so it does not rely on colour alone), its
     * SVG points, and the same points as dots (a single score is a dot, not an invisible line).
     */
    public record Line(String name, String colour, String dash, String mark, String points, int width, List<Dot> dots) {

        /** The line's marks as one SVG path: at most {@link #MARKED} of its points, evenly spread, so a long history stays light. */
        public String marks() {
            int step = Math.max(1, (int) Math.ceil(dots.size() / (double) MARKED));
            StringBuilder path = new StringBuilder();
            for (int n = dots.size() - 1; n >= 0; n -= step) {
                path.append(markPath(mark, dots.get(n).x(), dots.get(n).y()));
            }
            return path.toString();
        }

        /** The mark alone, for the legend's key (a 24 by 12 box). */
        public String key() {
            return markPath(mark, 12, 6);
        }
    }

    /** How many points of a line carry its mark. */
    static final int MARKED = 12;

    public record Dot(double x, double y) {
    }

    /**
     * A value on an axis and where it is drawn: a y for the scores, an x for the dates; {@code anchor} is the
     * SVG text-anchor that keeps the first and last dates inside the box.
     */
    public record Tick(String label, double at, String anchor) {
    }

    /** {@code history} newest first, as the store returns it; dates on the x axis in {@code zone}. */
    static HealthChart of(List<HealthScore> history, Instant now, Duration period, ZoneId zone) {
        Instant from = now.minus(period);
        List<HealthScore> shown = new ArrayList<>(history.stream().filter(h -> !h.computedAt().isBefore(from)).toList());
        Collections.reverse(shown);
        // Each point keeps the time of its own score: the components may differ from one score to the next (a health
        // model changed, or a backfill scored an older past with the model in force), so a line has points only where
        // its component was scored.
        Map<String, List<Dot>> series = new LinkedHashMap<>();
        for (HealthScore h : shown) {
            double x = x(h.computedAt(), from, now);
            series.computeIfAbsent("Health score", k -> new ArrayList<>()).add(new Dot(x, round(y(h.score()))));
            for (HealthComponent c : h.components()) {
                series.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(new Dot(x, round(y(c.score()))));
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Dot>> s : series.entrySet()) {
            List<Dot> dots = List.copyOf(s.getValue());
            String points = dots.stream().map(d -> String.format(Locale.ROOT, "%.1f,%.1f", d.x(), d.y()))
                    .collect(Collectors.joining(" "));
            lines.add(new Line(s.getKey(), COLOURS[i % COLOURS.length], DASHES[i % DASHES.length], MARKS[i % MARKS.length],
                    points, i == 0 ? 3 : 1, dots));
            i++;
        }
        List<Tick> yTicks = IntStream.rangeClosed(0, 4).mapToObj(n -> new Tick(String.valueOf(n * 25), round(y(n * 25)), "end")).toList();
        List<Tick> xTicks = new ArrayList<>();
        long days = period.toDays();
        for (long d = 0; d <= days; d += DATE_EVERY_DAYS) {
            Instant at = from.plus(Duration.ofDays(d));
            xTicks.add(new Tick(DATE.format(at.atZone(zone)), x(at, from, now),
                    d == 0 ? "start" : d + DATE_EVERY_DAYS > days ? "end" : "middle"));
        }
        List<HealthScore> newestFirst = new ArrayList<>(shown);
        Collections.reverse(newestFirst);
        return new HealthChart(lines, newestFirst, yTicks, xTicks);
    }

    public boolean empty() {
        return scores.isEmpty();
    }

    /** An SVG path of a point's mark (the same shape in the legend), centred on the point. */
    public static String markPath(String mark, double x, double y) {
        double r = 4;
        return switch (mark) {
            case "square" -> String.format(Locale.ROOT, "M%.1f %.1fh%.1fv%.1fh%.1fz", x - r, y - r, 2 * r, 2 * r, -2 * r);
            case "triangle" -> String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fL%.1f %.1fz", x, y - r - 1, x + r + 1, y + r, x - r - 1, y + r);
            case "diamond" -> String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fz", x, y - r - 1, x + r + 1, y, x, y + r + 1, x - r - 1, y);
            case "cross" -> String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f", x - r, y - r, x + r, y + r, x - r, y + r, x + r, y - r);
            case "bar" -> String.format(Locale.ROOT, "M%.1f %.1fv%.1f", x, y - r - 1, 2 * r + 2);
            default -> String.format(Locale.ROOT, "M%.1f %.1fa%.1f %.1f 0 1 0 %.1f 0a%.1f %.1f 0 1 0 %.1f 0", x - r, y, r, r, 2 * r, r, r, -2 * r);
        };
    }

    private static double x(Instant at, Instant from, Instant to) {
        double span = Math.max(1, Duration.between(from, to).toSeconds());
        return round(LEFT + (RIGHT - LEFT) * Duration.between(from, at).toSeconds() / span);
    }

    private static double y(double score) {
        return BOTTOM - (BOTTOM - TOP) * Math.max(0, Math.min(100, score)) / 100.0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
