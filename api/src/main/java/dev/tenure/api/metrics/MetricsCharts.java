package dev.tenure.api.metrics;

import dev.tenure.engine.metrics.Figures;
import dev.tenure.engine.metrics.MetricsRow;
import dev.tenure.engine.metrics.MrrMovements;
import dev.tenure.engine.metrics.RevenueFigures;
import dev.tenure.engine.metrics.SurveyFigures;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The metrics page's charts as inline SVG shapes, computed here so the page needs no chart library; the
 * page shows the same numbers in tables next to them. Each series has its own dash pattern or fill
 * pattern as well as its colour, so colour is never the only difference.
 */
final class MetricsCharts {

    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    /** Room on the left for the axis labels. */
    static final int LEFT = 48;

    private MetricsCharts() {
    }

    record Tick(double y, String label) {
    }

    record MonthLabel(double x, String label) {
    }

    record Dot(double x, double y, String title) {
    }

    /** A series: its points as polylines, broken where a month has no value, and as dots. */
    record Line(String name, String colour, String dash, List<String> segments, List<Dot> dots) {
    }

    record LineChart(List<Line> lines, List<Tick> ticks, List<MonthLabel> months, boolean empty) {
    }

    record Bar(double x, double y, double width, double height, String colour, String title) {
    }

    record Key(String name, String colour) {
    }

    record BarChart(List<Bar> bars, List<Tick> ticks, double zeroY, List<MonthLabel> months, List<Key> keys,
                    boolean empty) {
    }

    /** NRR and GRR of each month, and NRR over the trailing twelve months, in percent. */
    static LineChart retention(List<MetricsRow<RevenueFigures>> months) {
        // Around 100%, where retention lives, so a few points' change is visible; wider when a value is far off.
        return lines(months, List.of(
                new Series<>("NRR (month)", "#1f5fbf", "", r -> r.rates().nrr()),
                new Series<>("GRR (month)", "#a3211a", "6 3", r -> r.rates().grr()),
                new Series<>("NRR (trailing 12 months)", "#2e7d32", "2 3", r -> r.trailingTwelveMonths().nrr())),
                (min, max) -> new double[]{Math.max(0, Math.min(80, Math.floor((min - 5) / 10) * 10)),
                        Math.max(120, Math.ceil((max + 5) / 10) * 10)}, "%");
    }

    /** Logo and revenue churn rate of each month, in percent, from 0. */
    static LineChart churn(List<MetricsRow<RevenueFigures>> months) {
        return lines(months, List.of(
                new Series<>("Logo churn rate", "#a3211a", "", r -> r.rates().logoChurnRate()),
                new Series<>("Revenue churn rate", "#ef6c00", "6 3", r -> r.rates().revenueChurnRate())),
                (min, max) -> new double[]{0, Math.max(8, Math.ceil((max + 1) / 4) * 4)}, "%");
    }

    /** NPS (−100 to 100) and CSAT (percent) of each month. */
    static LineChart surveys(List<MetricsRow<SurveyFigures>> months) {
        return lines(months, List.of(
                new Series<>("NPS", "#1f5fbf", "", r -> r.nps().nps()),
                new Series<>("CSAT %", "#2e7d32", "6 3", r -> r.csat().csat())),
                (min, max) -> new double[]{min < 0 ? -100 : 0, 100}, "");
    }

    /** The value range a chart shows, given the smallest and largest value drawn: {bottom, top}. */
    private interface Range {
        double[] of(double min, double max);
    }

    private static <F extends Figures> LineChart lines(List<MetricsRow<F>> months, List<Series<F>> series, Range range,
                                                       String unit) {
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (MetricsRow<F> row : months) {
            for (Series<F> s : series) {
                BigDecimal v = s.value().apply(row.figures());
                if (v != null) {
                    min = Math.min(min, v.doubleValue());
                    max = Math.max(max, v.doubleValue());
                }
            }
        }
        double[] shown = min > max ? range.of(0, 0) : range.of(min, max);
        double bottom = shown[0], top = shown[1];
        List<Line> lines = new ArrayList<>();
        boolean any = false;
        for (Series<F> s : series) {
            List<Dot> dots = new ArrayList<>();
            List<String> segments = new ArrayList<>();
            StringBuilder segment = new StringBuilder();
            for (int i = 0; i < months.size(); i++) {
                BigDecimal v = s.value().apply(months.get(i).figures());
                if (v == null) {
                    if (!segment.isEmpty()) {
                        segments.add(segment.toString());
                        segment.setLength(0);
                    }
                    continue;
                }
                Dot dot = new Dot(centre(i, months.size()), y(v.doubleValue(), bottom, top),
                        s.name() + " " + months.get(i).group() + ": " + v.toPlainString() + unit);
                dots.add(dot);
                segment.append(segment.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", dot.x(), dot.y()));
            }
            if (!segment.isEmpty()) {
                segments.add(segment.toString());
            }
            any |= !dots.isEmpty();
            lines.add(new Line(s.name(), s.colour(), s.dash(), segments, dots));
        }
        List<Tick> ticks = new ArrayList<>();
        double step = (top - bottom) / 4;
        for (int i = 0; i <= 4; i++) {
            double v = bottom + step * i;
            ticks.add(new Tick(y(v, bottom, top), String.format(Locale.ROOT, "%.0f", v) + unit));
        }
        return new LineChart(lines, ticks, labels(months), !any);
    }

    /** Per month: new, reactivated and expansion MRR up from the zero line; contraction and churn down. */
    static BarChart movements(List<MetricsRow<RevenueFigures>> months, String currency) {
        record Kind(String name, String colour, int sign, Function<MrrMovements, BigDecimal> amount) {
        }
        List<Kind> kinds = List.of(
                new Kind("New", "#2e7d32", 1, MrrMovements::newMrr),
                new Kind("Reactivation", "#00838f", 1, MrrMovements::reactivation),
                new Kind("Expansion", "#1f5fbf", 1, MrrMovements::expansion),
                new Kind("Contraction", "#ef6c00", -1, MrrMovements::contraction),
                new Kind("Churn", "#a3211a", -1, MrrMovements::churn));
        double max = 0;
        for (MetricsRow<RevenueFigures> row : months) {
            for (Kind k : kinds) {
                max = Math.max(max, k.amount.apply(row.figures().movements()).doubleValue());
            }
        }
        double zero = HEIGHT / 2.0;
        double scale = max == 0 ? 0 : (HEIGHT / 2.0 - 4) / max;
        double slot = (WIDTH - LEFT) / (double) Math.max(1, months.size());
        double width = Math.max(1, (slot - 8) / kinds.size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            for (int k = 0; k < kinds.size(); k++) {
                Kind kind = kinds.get(k);
                BigDecimal amount = kind.amount.apply(months.get(i).figures().movements());
                double height = round(amount.doubleValue() * scale);
                if (height == 0) {
                    continue;
                }
                double x = round(LEFT + i * slot + 4 + k * width);
                bars.add(new Bar(x, kind.sign > 0 ? round(zero - height) : zero, round(width), height, kind.colour,
                        kind.name + " " + months.get(i).group() + ": " + (kind.sign > 0 ? "+" : "−")
                                + amount.toPlainString() + " " + currency));
            }
        }
        List<Tick> ticks = max == 0 ? List.of(new Tick(zero, "0")) : List.of(
                new Tick(4, String.format(Locale.ROOT, "+%,.0f", max)), new Tick(zero, "0"),
                new Tick(HEIGHT - 4, String.format(Locale.ROOT, "−%,.0f", max)));
        return new BarChart(bars, ticks, zero, labels(months), kinds.stream().map(k -> new Key(k.name, k.colour)).toList(),
                bars.isEmpty());
    }

    private static List<MonthLabel> labels(List<? extends MetricsRow<?>> months) {
        List<MonthLabel> labels = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            labels.add(new MonthLabel(centre(i, months.size()), months.get(i).group()));
        }
        return labels;
    }

    /** Room above the top value, so its tick label is not cut off. */
    private static final int TOP = 10;

    private static double y(double value, double bottom, double top) {
        return round(TOP + (HEIGHT - TOP) * (top - value) / (top - bottom));
    }

    private static double centre(int i, int count) {
        double slot = (WIDTH - LEFT) / (double) Math.max(1, count);
        return round(LEFT + slot * i + slot / 2);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private record Series<F>(String name, String colour, String dash, Function<F, BigDecimal> value) {
    }
}
