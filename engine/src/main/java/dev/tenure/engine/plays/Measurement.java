package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;

/**
 * How a play is measured: its goal (the {@link StopWhen} conditions) is checked {@code within} this long
 * after each run starts (days on the calendar of the account's time zone), and {@code holdoutPercent} of the accounts that would have started it are held
 * out, so the play's success can be compared with what happens without it. {@link #NONE}: not measured.
 */
public record Measurement(Span within, int holdoutPercent) {

    public static final Measurement NONE = new Measurement(null, 0);

    public boolean measured() {
        return within != null;
    }
}
