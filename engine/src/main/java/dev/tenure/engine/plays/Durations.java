package dev.tenure.engine.plays;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the short durations play files use: {@code 0d}, {@code 2d}, {@code 4h}, {@code 30m}. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([dhm])");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher m = SHORT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it as 2d, 4h or 30m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
