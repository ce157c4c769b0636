package dev.tenure.api.outcomes;

import dev.tenure.engine.outcomes.ArmOutcome;
import dev.tenure.engine.outcomes.PlayOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Success against holdout as inline SVG: per play with decided runs, its name, then a bar for the enrolled
 * runs' success rate (solid) and one for the held-out runs' (hatched, so the two differ without colour), 0–100%
 * left to right. Computed here so the page needs no chart library; the page's table has the same numbers.
 */
record OutcomeBars(List<Group> groups, int height) {

    static final int WIDTH = 720;
    /** Where the bars start, after their "got the play" / "held out" label. */
    static final int BARS_AT = 110;
    /** Room right of a full bar for its value. */
    private static final int VALUE_ROOM = 120;
    private static final int TITLE = 20;
    private static final int BAR_ROW = 26;
    private static final int GAP = 14;

    /** One play: its name's baseline and its two bars. */
    public record Group(String play, double titleY, Bar enrolled, Bar holdout) {
    }

    /** One bar: its top, its length, and its value as text. */
    public record Bar(String label, String value, double y, double width) {
    }

    static OutcomeBars of(List<PlayOutcome> plays) {
        List<Group> groups = new ArrayList<>();
        double top = 4;
        for (PlayOutcome p : plays) {
            if (p.enrolled().runs() == 0 && p.holdout().runs() == 0) {
                continue;
            }
            groups.add(new Group(p.playName(), top + 14, bar("got the play", p.enrolled(), top + TITLE),
                    bar("held out", p.holdout(), top + TITLE + BAR_ROW)));
            top += TITLE + 2 * BAR_ROW + GAP;
        }
        return new OutcomeBars(groups, (int) Math.ceil(top));
    }

    public boolean empty() {
        return groups.isEmpty();
    }

    private static Bar bar(String label, ArmOutcome arm, double y) {
        double rate = arm.successRate() == null ? 0 : arm.successRate();
        String value = arm.successRate() == null ? "no runs decided"
                : String.format(Locale.ROOT, "%.1f%% (%d of %d)", rate, arm.reached(), arm.runs());
        return new Bar(label, value, y, Math.round((WIDTH - BARS_AT - VALUE_ROOM) * rate / 100 * 10) / 10.0);
    }
}
