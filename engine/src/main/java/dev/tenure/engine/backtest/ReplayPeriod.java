package dev.tenure.engine.backtest;

import dev.tenure.engine.bounds.RecordBounds;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The past period a backtest or a tuning replays, read the same way from the API, the pages and the command line:
 * each end a date ({@code 2026-01-31}: the start of that day in the default time zone; {@code to} is excluded) or an
 * instant ({@code 2026-01-31T00:00:00Z}). Only the past can be replayed: a period running past now would score the
 * days to come as days without a signal, so every account would look idle and healthy accounts alerted.
 */
public record ReplayPeriod(Instant from, Instant to) {

    /** What is wrong with one end of a period, named by its field ({@code from}, {@code to}). */
    public record Problem(String field, String message) {
    }

    /**
     * The period, or null with every problem added to {@code problems}.
     *
     * @param maxDays the most days it may hold ({@code tenure.backtest.max-days})
     */
    public static ReplayPeriod read(String from, String to, ZoneId zone, Instant now, int maxDays, List<Problem> problems) {
        int before = problems.size();
        Instant start = instant("from", from, zone, problems);
        Instant end = instant("to", to, zone, problems);
        if (end != null) {
            problem(start, end, now, maxDays).ifPresent(why -> problems.add(new Problem("to", "'" + to + "' " + why)));
        }
        return problems.size() == before ? new ReplayPeriod(start, end) : null;
    }

    /**
     * The period as the engine takes it, whoever asks (a backtest, a tuning, the bench).
     *
     * @throws IllegalArgumentException naming {@code to} when it is not after {@code from}, is after now, or is more
     *                                  than {@code maxDays} after {@code from}
     */
    public static void check(Instant from, Instant to, Instant now, int maxDays) {
        tooEarly(from, EAST_OF_UTC).ifPresent(why -> {
            throw new IllegalArgumentException("from: " + from + " " + why);
        });
        problem(from, to, now, maxDays).ifPresent(why -> {
            throw new IllegalArgumentException("to: " + to + " " + why);
        });
    }

    /**
     * What is wrong with {@code to}, said after its value: not after {@code from} (when known), after now, or too far
     * after {@code from}: every day of a period evaluates every account, so a period of decades would hold the one
     * backtest (and the snapshot it reads in) for hours.
     */
    private static Optional<String> problem(Instant from, Instant to, Instant now, int maxDays) {
        if (from != null && !to.isAfter(from)) {
            return Optional.of("is not after from (" + from + ")");
        }
        if (to.isAfter(now)) {
            return Optional.of("is after now (" + now + "): only the past can be replayed");
        }
        if (from != null) {
            // To the nearest day: clocks that change within a period of days make it an hour longer or shorter.
            long days = Duration.between(from, to).plusHours(12).toDays();
            if (days > maxDays) {
                return Optional.of("is " + days + " days after from (" + from + "): a backtest or tuning replays at most "
                        + maxDays + " days (tenure.backtest.max-days)");
            }
        }
        return Optional.empty();
    }

    /**
     * Before the first moment a signal can be stored there is nothing to replay, yet every day of it would still be
     * evaluated for every account: a year mistyped as 0026 would hold the one backtest for hours, or fail far from here.
     */
    private static Optional<String> tooEarly(Instant at, Duration grace) {
        return at.isBefore(RecordBounds.EARLIEST.minus(grace)) ? Optional.of(TOO_EARLY) : Optional.empty();
    }

    private static final String TOO_EARLY = "is before " + RecordBounds.EARLIEST
            + ": no signal can be stored before it, so there is nothing to replay";
    /**
     * 2000-01-01 in a zone east of UTC begins on the evening before, in UTC, by as much as a zone's offset may be:
     * a period given as instants may too.
     */
    private static final Duration EAST_OF_UTC = Duration.ofSeconds(ZoneOffset.MAX.getTotalSeconds());

    private static Instant instant(String field, String text, ZoneId zone, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new Problem(field, "is required: a date (2026-01-31) or an instant (2026-01-31T00:00:00Z)"));
            return null;
        }
        Instant at;
        Optional<String> early;
        try {
            if (text.length() == 10) {
                // A date is judged as a date: 2000-01-01 is the first day, wherever the period's days begin.
                LocalDate day = LocalDate.parse(text);
                early = day.isBefore(LocalDate.ofInstant(RecordBounds.EARLIEST, ZoneOffset.UTC)) ? Optional.of(TOO_EARLY) : Optional.empty();
                at = day.atStartOfDay(zone).toInstant();
            } else {
                at = Instant.parse(text);
                early = tooEarly(at, Duration.ZERO);
            }
        } catch (DateTimeException e) {
            problems.add(new Problem(field, "'" + text + "' is neither a date (2026-01-31) nor an instant (2026-01-31T00:00:00Z)"));
            return null;
        }
        early.ifPresent(why -> problems.add(new Problem(field, "'" + text + "' " + why)));
        return early.isPresent() ? null : at;
    }
}
