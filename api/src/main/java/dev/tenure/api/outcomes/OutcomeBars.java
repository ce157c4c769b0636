package dev.tenure.api.outcomes;

import dev.tenure.engine.outcomes.ArmOutcome;
import dev.tenure.engine.outcomes.PlayOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Success against holdout as inline SVG: per play, a bar for the enrolled runs' success rate (solid) and one
 * for the held-out runs' (hatched, so the two differ without colour), 0–100% left to right. Computed here so
 * the page needs no chart library; the page's table has the same numbers.
 */
record OutcomeBars(List<Bar> bars, int height) {

    static final int WIDTH = 720;
    static final int LABEL = 240;
    static final int ROW = 26;
    static final int GROUP = 2 * ROW + 18;

    /** One bar: where it is, how long, how it is drawn, and its label (the play and side) and value text. */
    public record Bar(String label, String value, double y, double width, boolean holdout) {
    }

    static OutcomeBars of(List<PlayOutcome> plays) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < plays.size(); i++) {
            PlayOutcome p = plays.get(i);
            double top = 10 + i * GROUP;
            bars.add(bar(p.playName(), "got the play", p.enrolled(), top, false));
            bars.add(bar(p.playName(), "held out", p.holdout(), top + ROW, true));
        }
        return new OutcomeBars(bars, 10 + plays.size() * GROUP);
    }

    public boolean empty() {
        return bars.isEmpty();
    }

    private static Bar bar(String play, String side, ArmOutcome arm, double y, boolean holdout) {
        double rate = arm.successRate() == null ? 0 : arm.successRate();
        String value = arm.successRate() == null ? "no runs decided"
                : String.format(Locale.ROOT, "%.1f%% of %d", rate, arm.runs());
        return new Bar(holdout ? side : play + ": " + side, value, y,
                Math.round((WIDTH - LABEL - 110) * rate / 100 * 10) / 10.0, holdout);
    }
}
