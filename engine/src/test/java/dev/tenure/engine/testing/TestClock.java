package dev.tenure.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tests' clock: every test JVM starts at the same moment, {@link #START}, and time then runs on as the
 * tests run. So no test depends on today's date (a suite run on a leap day or a DST change sees the same
 * dates as any other), while Quartz, awaits and "due in 2 seconds" still see time pass. Every Spring
 * context of the JVM gets this clock as its {@link Clock} bean ({@link TestClockInitializer}), and
 * {@link TestData} builds its times from it, so the data and the engine agree on now.
 * <p>
 * Static, like {@link SharedPostgres}: one clock for the whole JVM is the point, since contexts share one
 * database and must not disagree on what time it is.
 */
public final class TestClock extends Clock {

    /**
     * A Wednesday afternoon in UTC, after every fixed date the tests write, and in business hours in
     * Europe (15:00 in Berlin) and North America (09:00 in New York). Nothing special about the day: the
     * calendar's edges (DST changes, month and year ends, 29 February) are tested with dates of their own.
     */
    public static final Instant START = Instant.parse("2026-12-09T14:00:00Z");

    private static final TestClock UTC = new TestClock(ZoneOffset.UTC);
    private static final long STARTED_NANOS = System.nanoTime();

    private final ZoneId zone;

    private TestClock(ZoneId zone) {
        this.zone = zone;
    }

    /** The JVM's test clock, in UTC. */
    public static TestClock get() {
        return UTC;
    }

    /** The test clock's current moment. */
    public static Instant now() {
        return UTC.instant();
    }

    /** The test clock's current day in UTC. */
    public static LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }

    @Override
    public Instant instant() {
        return START.plus(Duration.ofNanos(System.nanoTime() - STARTED_NANOS));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new TestClock(zone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestClock clock && clock.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return zone.hashCode();
    }

    @Override
    public String toString() {
        return "TestClock[from " + START + ", " + zone + "]";
    }
}
