package dev.tenure.engine.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * When Quartz should fire for a moment of the engine's time. Quartz fires by the system clock, while the
 * engine reads now from its own {@link java.time.Clock} (a test's clock stands at a fixed date). A trigger
 * therefore keeps its distance from now: a step due in 90 seconds by the engine's clock fires 90 seconds
 * from now by the system's. In production the two clocks are one, and this is the moment itself.
 */
public final class FiringTimes {

    private FiringTimes() {
    }

    /**
     * @param at  the engine's moment to fire at
     * @param now the engine's now, read just before
     */
    public static Date of(Instant at, Instant now) {
        Duration ahead = Duration.between(now, at);
        if (ahead.isNegative() || ahead.isZero()) {
            return new Date();
        }
        // Rounded up and one millisecond more: the system clock counts whole milliseconds, and a firing a
        // fraction early would find its steps not yet due.
        long millis = ahead.toMillis() + (ahead.toNanosPart() % 1_000_000 > 0 ? 1 : 0) + 1;
        return new Date(System.currentTimeMillis() + millis);
    }
}
