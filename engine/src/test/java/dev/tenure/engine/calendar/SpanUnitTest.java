package dev.tenure.engine.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A span as play files write it, and how it moves a moment: days on the calendar of a zone, hours and
 * minutes on the clock. The calendar cases run in five zones across each clock change of 2027, month ends,
 * the year end and 29 February 2028:
 * <pre>
 *   America/New_York   forward Sun 14 Mar 02:00 EST -> 03:00 EDT    back Sun 7 Nov 02:00 EDT -> 01:00 EST
 *   Europe/Berlin      forward Sun 28 Mar 02:00 CET -> 03:00 CEST   back Sun 31 Oct 03:00 CEST -> 02:00 CET
 *   Australia/Sydney   forward Sun 3 Oct 02:00 AEST -> 03:00 AEDT   back Sun 4 Apr 03:00 AEDT -> 02:00 AEST
 *   Asia/Kolkata       +05:30 all year: Europe's dates must show no shift
 *   UTC                the US dates must show no shift
 * </pre>
 * Every expected instant is written out, worked out from these offsets and checked against the tz database,
 * so a case cannot pass by repeating the arithmetic under test.
 */
class SpanUnitTest {

    // Reading and writing spans

    @Test
    void daysAreCalendarDays() {
        assertThat(Span.parse("14d")).isEqualTo(Span.ofDays(14));
        assertThat(Span.parse("1d").days()).isEqualTo(1);
        assertThat(Span.parse("1d").time()).isEqualTo(Duration.ZERO);
    }

    @Test
    void hoursAndMinutesAreElapsedTime() {
        assertThat(Span.parse("4h")).isEqualTo(Span.ofTime(Duration.ofHours(4)));
        assertThat(Span.parse("30m")).isEqualTo(Span.ofTime(Duration.ofMinutes(30)));
        // 48 hours written as hours stay hours: across a clock change they are not two calendar days.
        assertThat(Span.parse("48h").days()).isZero();
        assertThat(Span.parse("48h").time()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void authorsMayWriteCapitalsAndSpaces() {
        assertThat(Span.parse(" 3D ")).isEqualTo(Span.ofDays(3));
        assertThat(Span.parse("1 d")).isEqualTo(Span.ofDays(1));
        assertThat(Span.parse("90M")).isEqualTo(Span.ofTime(Duration.ofMinutes(90)));
    }

    @Test
    void zeroDaysIsZero() {
        assertThat(Span.parse("0d")).isEqualTo(Span.ZERO);
        assertThat(Span.parse("0d").isZero()).isTrue();
        assertThat(Span.parse("0h").isZero()).isTrue();
        assertThat(Span.ofDays(1).isZero()).isFalse();
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "d", "14", "1.5d", "-1d", "1y", "14 days", "P14D", "3d4h"})
    void whatIsNotASpanIsRefusedWithAHint(String text) {
        assertThatThrownBy(() -> Span.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration; write it as")
                .hasMessageContaining("4h or 30m");
    }

    @Test
    void nothingIsRefusedWithAHint() {
        assertThatThrownBy(() -> Span.parse(null)).hasMessageContaining("is not a duration; write it as");
    }

    @Test
    void tenYearsIsTheLongestSpan() {
        assertThat(Span.parse("3660d")).isEqualTo(Span.ofDays(Span.MAX_DAYS));
        assertThat(Span.parse("87840h")).isEqualTo(Span.ofTime(Duration.ofHours(87_840)));

        assertThatThrownBy(() -> Span.parse("3661d")).hasMessageContaining("longer than 3660 days");
        assertThatThrownBy(() -> Span.parse("87841h")).hasMessageContaining("longer than 3660 days");
    }

    @Test
    void aSpanIsNeitherNegativeNorBothDaysAndTime() {
        assertThatThrownBy(() -> new Span(-1, Duration.ZERO)).hasMessageContaining("not negative");
        assertThatThrownBy(() -> Span.ofTime(Duration.ofMinutes(-5))).hasMessageContaining("not negative");
        assertThatThrownBy(() -> new Span(1, Duration.ofHours(2))).hasMessageContaining("days or time, not both");
        assertThatThrownBy(() -> Span.ofDays(Span.MAX_DAYS + 1)).hasMessageContaining("at most 3660 days");
        assertThat(new Span(2, null)).isEqualTo(Span.ofDays(2));
    }

    @Test
    void aSettingOfWholeDaysBecomesCalendarDaysAndAnythingElseStaysTime() {
        assertThat(Span.of(Duration.ofDays(7))).isEqualTo(Span.ofDays(7));
        assertThat(Span.of(Duration.ofHours(48))).isEqualTo(Span.ofDays(2));
        assertThat(Span.of(Duration.ofHours(36))).isEqualTo(Span.ofTime(Duration.ofHours(36)));
        assertThat(Span.of(Duration.ofDays(1).plusSeconds(1))).isEqualTo(Span.ofTime(Duration.ofSeconds(86_401)));
        assertThat(Span.of(Duration.ZERO)).isEqualTo(Span.ZERO);
    }

    @Test
    void storedValuesAreReadInTheShortFormOrAsIsoDurations() {
        assertThat(Span.json("14d")).isEqualTo(Span.ofDays(14));
        assertThat(Span.json("4h")).isEqualTo(Span.ofTime(Duration.ofHours(4)));
        // Step definitions stored before spans had days: their whole days are read back as calendar days.
        assertThat(Span.json("PT72H")).isEqualTo(Span.ofDays(3));
        assertThat(Span.json("P1D")).isEqualTo(Span.ofDays(1));
        assertThat(Span.json("pt72h")).isEqualTo(Span.ofDays(3));
        assertThat(Span.json("PT36H")).isEqualTo(Span.ofTime(Duration.ofHours(36)));
        assertThat(Span.json("PT90M")).isEqualTo(Span.ofTime(Duration.ofMinutes(90)));
        assertThatThrownBy(() -> Span.json("P1X")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a duration");
    }

    @Test
    void aSpanIsWrittenAsAPlayFileWritesIt() {
        assertThat(Span.ofDays(14)).hasToString("14d");
        assertThat(Span.ZERO).hasToString("0d");
        assertThat(Span.ofTime(Duration.ofHours(4))).hasToString("4h");
        assertThat(Span.ofTime(Duration.ofHours(48))).hasToString("48h");
        assertThat(Span.ofTime(Duration.ofMinutes(90))).hasToString("90m");
        assertThat(Span.ofTime(Duration.ofSeconds(90))).hasToString("PT1M30S");
    }

    @ParameterizedTest(name = "''{0}'' reads back as itself")
    @ValueSource(strings = {"0d", "1d", "14d", "3660d", "4h", "48h", "30m", "90m"})
    void whatIsWrittenReadsBackTheSame(String text) {
        assertThat(Span.json(Span.parse(text).toString())).isEqualTo(Span.parse(text));
    }

    @Test
    void aSpanReadsInWords() {
        assertThat(Span.ofDays(1).words()).isEqualTo("1 day");
        assertThat(Span.ofDays(30).words()).isEqualTo("30 days");
        assertThat(Span.ZERO.words()).isEqualTo("0 days");
        assertThat(Span.ofTime(Duration.ofHours(1)).words()).isEqualTo("1 hour");
        assertThat(Span.ofTime(Duration.ofHours(4)).words()).isEqualTo("4 hours");
        assertThat(Span.ofTime(Duration.ofMinutes(1)).words()).isEqualTo("1 minute");
        assertThat(Span.ofTime(Duration.ofMinutes(90)).words()).isEqualTo("90 minutes");
    }

    @Test
    void spansAreOrderedAsIfADayHad24HoursButADayIsNot24Hours() {
        assertThat(Span.ofDays(1)).isEqualByComparingTo(Span.ofTime(Duration.ofHours(24)));
        assertThat(Span.ofDays(1)).isNotEqualTo(Span.ofTime(Duration.ofHours(24)));
        assertThat(Span.ofDays(2)).isGreaterThan(Span.ofTime(Duration.ofHours(47)));
        assertThat(Span.ofTime(Duration.ofHours(49))).isGreaterThan(Span.ofDays(2));
        assertThat(Span.ofDays(1).nominal()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aSpanBeforeALocalDayCountsWholeDays() {
        assertThat(Span.ofDays(1).before(LocalDate.of(2028, 3, 1))).isEqualTo("2028-02-29");
        assertThat(Span.ofDays(365).before(LocalDate.of(2028, 2, 29))).isEqualTo("2027-03-01");
        assertThat(Span.ofDays(1).before(LocalDate.of(2028, 1, 1))).isEqualTo("2027-12-31");
        // Hours are rounded down to whole days: 49 hours is two.
        assertThat(Span.ofTime(Duration.ofHours(49)).before(LocalDate.of(2028, 3, 1))).isEqualTo("2028-02-28");
        assertThat(Span.ofTime(Duration.ofHours(49)).wholeDays()).isEqualTo(2);
        assertThat(Span.ofTime(Duration.ofHours(23)).wholeDays()).isZero();
    }

    @Test
    void zeroMovesNothing() {
        Instant springForward = Instant.parse("2027-03-14T07:00:00Z");
        assertThat(Span.ZERO.after(springForward, ZoneId.of("America/New_York"))).isEqualTo("2027-03-14T07:00:00Z");
        assertThat(Span.ZERO.before(springForward, ZoneId.of("America/New_York"))).isEqualTo("2027-03-14T07:00:00Z");
        // The start of a day on which the clocks change at 02:00 is still its midnight, on the old offset.
        assertThat(Span.ZERO.beforeStartOf(LocalDate.of(2027, 3, 14), ZoneId.of("America/New_York"))).isEqualTo("2027-03-14T05:00:00Z");
    }

    // Calendar matrix

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource
    void afterCountsDaysOnTheCalendarAndHoursOnTheClock(String zone, String when, String story, String from, String span, String expected) {
        assertThat(Span.parse(span).after(Instant.parse(from), ZoneId.of(zone))).isEqualTo(expected);
    }

    static Stream<Arguments> afterCountsDaysOnTheCalendarAndHoursOnTheClock() {
        return Stream.of(
                // America/New_York
                span("America/New_York", "2027-03-14 spring forward", "1d after Sat 13 Mar 10:00 EST is Sun 14 Mar 10:00 EDT (14:00Z)",
                        "2027-03-13T15:00:00Z", "1d", "2027-03-14T14:00:00Z"),
                span("America/New_York", "2027-11-07 fall back", "1d after Sat 6 Nov 10:00 EDT is Sun 7 Nov 10:00 EST (15:00Z)",
                        "2027-11-06T14:00:00Z", "1d", "2027-11-07T15:00:00Z"),
                span("America/New_York", "2027-03-14 spring forward", "1d after Sat 13 Mar 02:30 EST is Sun 14 Mar 03:30 EDT (07:30Z): 02:30 is skipped, so the time moves on by the gap",
                        "2027-03-13T07:30:00Z", "1d", "2027-03-14T07:30:00Z"),
                span("America/New_York", "2027-11-07 fall back", "1d after Sat 6 Nov 01:30 EDT is Sun 7 Nov 01:30 EDT (05:30Z): of the two, the one with the offset it had",
                        "2027-11-06T05:30:00Z", "1d", "2027-11-07T05:30:00Z"),
                span("America/New_York", "2027-03-14 spring forward", "14d after Sun 7 Mar 10:00 EST is Sun 21 Mar 10:00 EDT (14:00Z)",
                        "2027-03-07T15:00:00Z", "14d", "2027-03-21T14:00:00Z"),
                span("America/New_York", "2027-03-14 spring forward", "24h after Sat 13 Mar 10:00 EST is Sun 14 Mar 11:00 EDT (15:00Z): elapsed time, one hour of it skipped",
                        "2027-03-13T15:00:00Z", "24h", "2027-03-14T15:00:00Z"),
                span("America/New_York", "2027-11-07 fall back", "24h after Sat 6 Nov 10:00 EDT is Sun 7 Nov 09:00 EST (14:00Z): elapsed time, one hour of it repeated",
                        "2027-11-06T14:00:00Z", "24h", "2027-11-07T14:00:00Z"),
                span("America/New_York", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 EST is Tue 2 Mar 10:00 EST (15:00Z)",
                        "2027-01-31T15:00:00Z", "30d", "2027-03-02T15:00:00Z"),
                span("America/New_York", "2027-04-30 month end", "1d after Fri 30 Apr 23:30 EDT is Sat 1 May 23:30 EDT (2 May 03:30Z)",
                        "2027-05-01T03:30:00Z", "1d", "2027-05-02T03:30:00Z"),
                span("America/New_York", "2027-12-31 year end", "1d after Fri 31 Dec 2027 23:30 EST is Sat 1 Jan 2028 23:30 EST (2 Jan 04:30Z)",
                        "2028-01-01T04:30:00Z", "1d", "2028-01-02T04:30:00Z"),
                span("America/New_York", "2028-02-29 leap day", "1d after Mon 28 Feb 12:00 EST is Tue 29 Feb 12:00 EST (17:00Z)",
                        "2028-02-28T17:00:00Z", "1d", "2028-02-29T17:00:00Z"),
                span("America/New_York", "2028-02-29 leap day", "366d after Sun 28 Feb 2027 12:00 EST is Tue 29 Feb 2028 12:00 EST (17:00Z)",
                        "2027-02-28T17:00:00Z", "366d", "2028-02-29T17:00:00Z"),
                span("America/New_York", "2028-02-29 leap day", "90m after Mon 28 Feb 23:00 EST is Tue 29 Feb 00:30 EST (05:30Z)",
                        "2028-02-29T04:00:00Z", "90m", "2028-02-29T05:30:00Z"),
                // Europe/Berlin
                span("Europe/Berlin", "2027-03-28 spring forward", "1d after Sat 27 Mar 10:00 CET is Sun 28 Mar 10:00 CEST (08:00Z)",
                        "2027-03-27T09:00:00Z", "1d", "2027-03-28T08:00:00Z"),
                span("Europe/Berlin", "2027-10-31 fall back", "1d after Sat 30 Oct 10:00 CEST is Sun 31 Oct 10:00 CET (09:00Z)",
                        "2027-10-30T08:00:00Z", "1d", "2027-10-31T09:00:00Z"),
                span("Europe/Berlin", "2027-03-28 spring forward", "1d after Sat 27 Mar 02:30 CET is Sun 28 Mar 03:30 CEST (01:30Z): 02:30 is skipped, so the time moves on by the gap",
                        "2027-03-27T01:30:00Z", "1d", "2027-03-28T01:30:00Z"),
                span("Europe/Berlin", "2027-10-31 fall back", "1d after Sat 30 Oct 02:30 CEST is Sun 31 Oct 02:30 CEST (00:30Z): of the two, the one with the offset it had",
                        "2027-10-30T00:30:00Z", "1d", "2027-10-31T00:30:00Z"),
                span("Europe/Berlin", "2027-03-28 spring forward", "14d after Sun 21 Mar 10:00 CET is Sun 4 Apr 10:00 CEST (08:00Z)",
                        "2027-03-21T09:00:00Z", "14d", "2027-04-04T08:00:00Z"),
                span("Europe/Berlin", "2027-03-28 spring forward", "24h after Sat 27 Mar 10:00 CET is Sun 28 Mar 11:00 CEST (09:00Z): elapsed time, one hour of it skipped",
                        "2027-03-27T09:00:00Z", "24h", "2027-03-28T09:00:00Z"),
                span("Europe/Berlin", "2027-10-31 fall back", "24h after Sat 30 Oct 10:00 CEST is Sun 31 Oct 09:00 CET (08:00Z): elapsed time, one hour of it repeated",
                        "2027-10-30T08:00:00Z", "24h", "2027-10-31T08:00:00Z"),
                span("Europe/Berlin", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 CET is Tue 2 Mar 10:00 CET (09:00Z)",
                        "2027-01-31T09:00:00Z", "30d", "2027-03-02T09:00:00Z"),
                span("Europe/Berlin", "2027-04-30 month end", "1d after Fri 30 Apr 23:30 CEST is Sat 1 May 23:30 CEST (21:30Z)",
                        "2027-04-30T21:30:00Z", "1d", "2027-05-01T21:30:00Z"),
                span("Europe/Berlin", "2027-12-31 year end", "1d after Fri 31 Dec 2027 23:30 CET is Sat 1 Jan 2028 23:30 CET (22:30Z)",
                        "2027-12-31T22:30:00Z", "1d", "2028-01-01T22:30:00Z"),
                span("Europe/Berlin", "2028-02-29 leap day", "1d after Mon 28 Feb 12:00 CET is Tue 29 Feb 12:00 CET (11:00Z)",
                        "2028-02-28T11:00:00Z", "1d", "2028-02-29T11:00:00Z"),
                span("Europe/Berlin", "2028-02-29 leap day", "366d after Sun 28 Feb 2027 12:00 CET is Tue 29 Feb 2028 12:00 CET (11:00Z)",
                        "2027-02-28T11:00:00Z", "366d", "2028-02-29T11:00:00Z"),
                span("Europe/Berlin", "2028-02-29 leap day", "90m after Mon 28 Feb 23:00 CET is Tue 29 Feb 00:30 CET (28 Feb 23:30Z)",
                        "2028-02-28T22:00:00Z", "90m", "2028-02-28T23:30:00Z"),
                // Australia/Sydney
                span("Australia/Sydney", "2027-10-03 spring forward", "1d after Sat 2 Oct 10:00 AEST is Sun 3 Oct 10:00 AEDT (2 Oct 23:00Z)",
                        "2027-10-02T00:00:00Z", "1d", "2027-10-02T23:00:00Z"),
                span("Australia/Sydney", "2027-04-04 fall back", "1d after Sat 3 Apr 10:00 AEDT is Sun 4 Apr 10:00 AEST (00:00Z)",
                        "2027-04-02T23:00:00Z", "1d", "2027-04-04T00:00:00Z"),
                span("Australia/Sydney", "2027-10-03 spring forward", "1d after Sat 2 Oct 02:30 AEST is Sun 3 Oct 03:30 AEDT (2 Oct 16:30Z): 02:30 is skipped, so the time moves on by the gap",
                        "2027-10-01T16:30:00Z", "1d", "2027-10-02T16:30:00Z"),
                span("Australia/Sydney", "2027-04-04 fall back", "1d after Sat 3 Apr 02:30 AEDT is Sun 4 Apr 02:30 AEDT (3 Apr 15:30Z): of the two, the one with the offset it had",
                        "2027-04-02T15:30:00Z", "1d", "2027-04-03T15:30:00Z"),
                span("Australia/Sydney", "2027-10-03 spring forward", "14d after Sun 26 Sep 10:00 AEST is Sun 10 Oct 10:00 AEDT (9 Oct 23:00Z)",
                        "2027-09-26T00:00:00Z", "14d", "2027-10-09T23:00:00Z"),
                span("Australia/Sydney", "2027-10-03 spring forward", "24h after Sat 2 Oct 10:00 AEST is Sun 3 Oct 11:00 AEDT (00:00Z): elapsed time, one hour of it skipped",
                        "2027-10-02T00:00:00Z", "24h", "2027-10-03T00:00:00Z"),
                span("Australia/Sydney", "2027-04-04 fall back", "24h after Sat 3 Apr 10:00 AEDT is Sun 4 Apr 09:00 AEST (3 Apr 23:00Z): elapsed time, one hour of it repeated",
                        "2027-04-02T23:00:00Z", "24h", "2027-04-03T23:00:00Z"),
                span("Australia/Sydney", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 AEDT is Tue 2 Mar 10:00 AEDT (1 Mar 23:00Z)",
                        "2027-01-30T23:00:00Z", "30d", "2027-03-01T23:00:00Z"),
                span("Australia/Sydney", "2027-04-30 month end", "1d after Fri 30 Apr 23:30 AEST is Sat 1 May 23:30 AEST (13:30Z)",
                        "2027-04-30T13:30:00Z", "1d", "2027-05-01T13:30:00Z"),
                span("Australia/Sydney", "2027-12-31 year end", "1d after Fri 31 Dec 2027 23:30 AEDT is Sat 1 Jan 2028 23:30 AEDT (12:30Z)",
                        "2027-12-31T12:30:00Z", "1d", "2028-01-01T12:30:00Z"),
                span("Australia/Sydney", "2028-02-29 leap day", "1d after Mon 28 Feb 12:00 AEDT is Tue 29 Feb 12:00 AEDT (01:00Z)",
                        "2028-02-28T01:00:00Z", "1d", "2028-02-29T01:00:00Z"),
                span("Australia/Sydney", "2028-02-29 leap day", "366d after Sun 28 Feb 2027 12:00 AEDT is Tue 29 Feb 2028 12:00 AEDT (01:00Z)",
                        "2027-02-28T01:00:00Z", "366d", "2028-02-29T01:00:00Z"),
                span("Australia/Sydney", "2028-02-29 leap day", "90m after Mon 28 Feb 23:00 AEDT is Tue 29 Feb 00:30 AEDT (28 Feb 13:30Z)",
                        "2028-02-28T12:00:00Z", "90m", "2028-02-28T13:30:00Z"),
                // Asia/Kolkata
                span("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "1d after Sat 27 Mar 10:00 IST is Sun 28 Mar 10:00 IST (04:30Z)",
                        "2027-03-27T04:30:00Z", "1d", "2027-03-28T04:30:00Z"),
                span("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "1d after Sat 30 Oct 10:00 IST is Sun 31 Oct 10:00 IST (04:30Z)",
                        "2027-10-30T04:30:00Z", "1d", "2027-10-31T04:30:00Z"),
                span("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "1d after Sat 27 Mar 02:30 IST is Sun 28 Mar 02:30 IST (27 Mar 21:00Z)",
                        "2027-03-26T21:00:00Z", "1d", "2027-03-27T21:00:00Z"),
                span("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "1d after Sat 30 Oct 02:30 IST is Sun 31 Oct 02:30 IST (30 Oct 21:00Z)",
                        "2027-10-29T21:00:00Z", "1d", "2027-10-30T21:00:00Z"),
                span("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "14d after Sun 21 Mar 10:00 IST is Sun 4 Apr 10:00 IST (04:30Z)",
                        "2027-03-21T04:30:00Z", "14d", "2027-04-04T04:30:00Z"),
                span("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "24h after Sat 27 Mar 10:00 IST is Sun 28 Mar 10:00 IST (04:30Z)",
                        "2027-03-27T04:30:00Z", "24h", "2027-03-28T04:30:00Z"),
                span("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "24h after Sat 30 Oct 10:00 IST is Sun 31 Oct 10:00 IST (04:30Z)",
                        "2027-10-30T04:30:00Z", "24h", "2027-10-31T04:30:00Z"),
                span("Asia/Kolkata", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 IST is Tue 2 Mar 10:00 IST (04:30Z)",
                        "2027-01-31T04:30:00Z", "30d", "2027-03-02T04:30:00Z"),
                span("Asia/Kolkata", "2027-04-30 month end", "1d after Fri 30 Apr 23:30 IST is Sat 1 May 23:30 IST (18:00Z)",
                        "2027-04-30T18:00:00Z", "1d", "2027-05-01T18:00:00Z"),
                span("Asia/Kolkata", "2027-12-31 year end", "1d after Fri 31 Dec 2027 23:30 IST is Sat 1 Jan 2028 23:30 IST (18:00Z)",
                        "2027-12-31T18:00:00Z", "1d", "2028-01-01T18:00:00Z"),
                span("Asia/Kolkata", "2028-02-29 leap day", "1d after Mon 28 Feb 12:00 IST is Tue 29 Feb 12:00 IST (06:30Z)",
                        "2028-02-28T06:30:00Z", "1d", "2028-02-29T06:30:00Z"),
                span("Asia/Kolkata", "2028-02-29 leap day", "366d after Sun 28 Feb 2027 12:00 IST is Tue 29 Feb 2028 12:00 IST (06:30Z)",
                        "2027-02-28T06:30:00Z", "366d", "2028-02-29T06:30:00Z"),
                span("Asia/Kolkata", "2028-02-29 leap day", "90m after Mon 28 Feb 23:00 IST is Tue 29 Feb 00:30 IST (28 Feb 19:00Z)",
                        "2028-02-28T17:30:00Z", "90m", "2028-02-28T19:00:00Z"),
                // UTC
                span("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "1d after Sat 13 Mar 10:00 UTC is Sun 14 Mar 10:00 UTC (10:00Z)",
                        "2027-03-13T10:00:00Z", "1d", "2027-03-14T10:00:00Z"),
                span("UTC", "2027-11-07 (US falls back, UTC has no DST)", "1d after Sat 6 Nov 10:00 UTC is Sun 7 Nov 10:00 UTC (10:00Z)",
                        "2027-11-06T10:00:00Z", "1d", "2027-11-07T10:00:00Z"),
                span("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "1d after Sat 13 Mar 02:30 UTC is Sun 14 Mar 02:30 UTC (02:30Z)",
                        "2027-03-13T02:30:00Z", "1d", "2027-03-14T02:30:00Z"),
                span("UTC", "2027-11-07 (US falls back, UTC has no DST)", "1d after Sat 6 Nov 01:30 UTC is Sun 7 Nov 01:30 UTC (01:30Z)",
                        "2027-11-06T01:30:00Z", "1d", "2027-11-07T01:30:00Z"),
                span("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "14d after Sun 7 Mar 10:00 UTC is Sun 21 Mar 10:00 UTC (10:00Z)",
                        "2027-03-07T10:00:00Z", "14d", "2027-03-21T10:00:00Z"),
                span("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "24h after Sat 13 Mar 10:00 UTC is Sun 14 Mar 10:00 UTC (10:00Z)",
                        "2027-03-13T10:00:00Z", "24h", "2027-03-14T10:00:00Z"),
                span("UTC", "2027-11-07 (US falls back, UTC has no DST)", "24h after Sat 6 Nov 10:00 UTC is Sun 7 Nov 10:00 UTC (10:00Z)",
                        "2027-11-06T10:00:00Z", "24h", "2027-11-07T10:00:00Z"),
                span("UTC", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 UTC is Tue 2 Mar 10:00 UTC (10:00Z)",
                        "2027-01-31T10:00:00Z", "30d", "2027-03-02T10:00:00Z"),
                span("UTC", "2027-04-30 month end", "1d after Fri 30 Apr 23:30 UTC is Sat 1 May 23:30 UTC (23:30Z)",
                        "2027-04-30T23:30:00Z", "1d", "2027-05-01T23:30:00Z"),
                span("UTC", "2027-12-31 year end", "1d after Fri 31 Dec 2027 23:30 UTC is Sat 1 Jan 2028 23:30 UTC (23:30Z)",
                        "2027-12-31T23:30:00Z", "1d", "2028-01-01T23:30:00Z"),
                span("UTC", "2028-02-29 leap day", "1d after Mon 28 Feb 12:00 UTC is Tue 29 Feb 12:00 UTC (12:00Z)",
                        "2028-02-28T12:00:00Z", "1d", "2028-02-29T12:00:00Z"),
                span("UTC", "2028-02-29 leap day", "366d after Sun 28 Feb 2027 12:00 UTC is Tue 29 Feb 2028 12:00 UTC (12:00Z)",
                        "2027-02-28T12:00:00Z", "366d", "2028-02-29T12:00:00Z"),
                span("UTC", "2028-02-29 leap day", "90m after Mon 28 Feb 23:00 UTC is Tue 29 Feb 00:30 UTC (00:30Z)",
                        "2028-02-28T23:00:00Z", "90m", "2028-02-29T00:30:00Z")
        );
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource
    void beforeCountsDaysOnTheCalendarAndHoursOnTheClock(String zone, String when, String story, String to, String span, String expected) {
        assertThat(Span.parse(span).before(Instant.parse(to), ZoneId.of(zone))).isEqualTo(expected);
    }

    static Stream<Arguments> beforeCountsDaysOnTheCalendarAndHoursOnTheClock() {
        return Stream.of(
                // America/New_York
                span("America/New_York", "2027-11-07 fall back", "1d before Mon 8 Nov 01:30 EST is Sun 7 Nov 01:30 EST (06:30Z): of the two, the one with the offset it had",
                        "2027-11-08T06:30:00Z", "1d", "2027-11-07T06:30:00Z"),
                span("America/New_York", "2027-03-14 spring forward", "1d before Mon 15 Mar 02:30 EDT is Sun 14 Mar 03:30 EDT (07:30Z): 02:30 is skipped, so the time moves on by the gap",
                        "2027-03-15T06:30:00Z", "1d", "2027-03-14T07:30:00Z"),
                span("America/New_York", "2027-03-14 spring forward", "7d before Mon 15 Mar 10:00 EDT is Mon 8 Mar 10:00 EST (15:00Z)",
                        "2027-03-15T14:00:00Z", "7d", "2027-03-08T15:00:00Z"),
                span("America/New_York", "2027-11-07 fall back", "7d before Mon 8 Nov 10:00 EST is Mon 1 Nov 10:00 EDT (14:00Z)",
                        "2027-11-08T15:00:00Z", "7d", "2027-11-01T14:00:00Z"),
                span("America/New_York", "2027-03-14 spring forward", "24h before Sun 14 Mar 12:00 EDT is Sat 13 Mar 11:00 EST (16:00Z): elapsed time",
                        "2027-03-14T16:00:00Z", "24h", "2027-03-13T16:00:00Z"),
                span("America/New_York", "2027-02-28 month end", "1d before Mon 1 Mar 10:00 EST is Sun 28 Feb 10:00 EST (15:00Z)",
                        "2027-03-01T15:00:00Z", "1d", "2027-02-28T15:00:00Z"),
                span("America/New_York", "2027-12-31 year end", "1d before Sat 1 Jan 2028 00:30 EST is Fri 31 Dec 2027 00:30 EST (05:30Z)",
                        "2028-01-01T05:30:00Z", "1d", "2027-12-31T05:30:00Z"),
                span("America/New_York", "2028-02-29 leap day", "365d before Tue 29 Feb 2028 12:00 EST is Mon 1 Mar 2027 12:00 EST (17:00Z)",
                        "2028-02-29T17:00:00Z", "365d", "2027-03-01T17:00:00Z"),
                span("America/New_York", "2028-02-29 leap day", "1d before Wed 1 Mar 12:00 EST is Tue 29 Feb 12:00 EST (17:00Z)",
                        "2028-03-01T17:00:00Z", "1d", "2028-02-29T17:00:00Z"),
                // Europe/Berlin
                span("Europe/Berlin", "2027-10-31 fall back", "1d before Mon 1 Nov 02:30 CET is Sun 31 Oct 02:30 CET (01:30Z): of the two, the one with the offset it had",
                        "2027-11-01T01:30:00Z", "1d", "2027-10-31T01:30:00Z"),
                span("Europe/Berlin", "2027-03-28 spring forward", "1d before Mon 29 Mar 02:30 CEST is Sun 28 Mar 03:30 CEST (01:30Z): 02:30 is skipped, so the time moves on by the gap",
                        "2027-03-29T00:30:00Z", "1d", "2027-03-28T01:30:00Z"),
                span("Europe/Berlin", "2027-03-28 spring forward", "7d before Mon 29 Mar 10:00 CEST is Mon 22 Mar 10:00 CET (09:00Z)",
                        "2027-03-29T08:00:00Z", "7d", "2027-03-22T09:00:00Z"),
                span("Europe/Berlin", "2027-10-31 fall back", "7d before Mon 1 Nov 10:00 CET is Mon 25 Oct 10:00 CEST (08:00Z)",
                        "2027-11-01T09:00:00Z", "7d", "2027-10-25T08:00:00Z"),
                span("Europe/Berlin", "2027-03-28 spring forward", "24h before Sun 28 Mar 12:00 CEST is Sat 27 Mar 11:00 CET (10:00Z): elapsed time",
                        "2027-03-28T10:00:00Z", "24h", "2027-03-27T10:00:00Z"),
                span("Europe/Berlin", "2027-02-28 month end", "1d before Mon 1 Mar 10:00 CET is Sun 28 Feb 10:00 CET (09:00Z)",
                        "2027-03-01T09:00:00Z", "1d", "2027-02-28T09:00:00Z"),
                span("Europe/Berlin", "2027-12-31 year end", "1d before Sat 1 Jan 2028 00:30 CET is Fri 31 Dec 2027 00:30 CET (30 Dec 23:30Z)",
                        "2027-12-31T23:30:00Z", "1d", "2027-12-30T23:30:00Z"),
                span("Europe/Berlin", "2028-02-29 leap day", "365d before Tue 29 Feb 2028 12:00 CET is Mon 1 Mar 2027 12:00 CET (11:00Z)",
                        "2028-02-29T11:00:00Z", "365d", "2027-03-01T11:00:00Z"),
                span("Europe/Berlin", "2028-02-29 leap day", "1d before Wed 1 Mar 12:00 CET is Tue 29 Feb 12:00 CET (11:00Z)",
                        "2028-03-01T11:00:00Z", "1d", "2028-02-29T11:00:00Z"),
                // Australia/Sydney
                span("Australia/Sydney", "2027-04-04 fall back", "1d before Mon 5 Apr 02:30 AEST is Sun 4 Apr 02:30 AEST (3 Apr 16:30Z): of the two, the one with the offset it had",
                        "2027-04-04T16:30:00Z", "1d", "2027-04-03T16:30:00Z"),
                span("Australia/Sydney", "2027-10-03 spring forward", "1d before Mon 4 Oct 02:30 AEDT is Sun 3 Oct 03:30 AEDT (2 Oct 16:30Z): 02:30 is skipped, so the time moves on by the gap",
                        "2027-10-03T15:30:00Z", "1d", "2027-10-02T16:30:00Z"),
                span("Australia/Sydney", "2027-10-03 spring forward", "7d before Mon 4 Oct 10:00 AEDT is Mon 27 Sep 10:00 AEST (00:00Z)",
                        "2027-10-03T23:00:00Z", "7d", "2027-09-27T00:00:00Z"),
                span("Australia/Sydney", "2027-04-04 fall back", "7d before Mon 5 Apr 10:00 AEST is Mon 29 Mar 10:00 AEDT (28 Mar 23:00Z)",
                        "2027-04-05T00:00:00Z", "7d", "2027-03-28T23:00:00Z"),
                span("Australia/Sydney", "2027-10-03 spring forward", "24h before Sun 3 Oct 12:00 AEDT is Sat 2 Oct 11:00 AEST (01:00Z): elapsed time",
                        "2027-10-03T01:00:00Z", "24h", "2027-10-02T01:00:00Z"),
                span("Australia/Sydney", "2027-02-28 month end", "1d before Mon 1 Mar 10:00 AEDT is Sun 28 Feb 10:00 AEDT (27 Feb 23:00Z)",
                        "2027-02-28T23:00:00Z", "1d", "2027-02-27T23:00:00Z"),
                span("Australia/Sydney", "2027-12-31 year end", "1d before Sat 1 Jan 2028 00:30 AEDT is Fri 31 Dec 2027 00:30 AEDT (30 Dec 13:30Z)",
                        "2027-12-31T13:30:00Z", "1d", "2027-12-30T13:30:00Z"),
                span("Australia/Sydney", "2028-02-29 leap day", "365d before Tue 29 Feb 2028 12:00 AEDT is Mon 1 Mar 2027 12:00 AEDT (01:00Z)",
                        "2028-02-29T01:00:00Z", "365d", "2027-03-01T01:00:00Z"),
                span("Australia/Sydney", "2028-02-29 leap day", "1d before Wed 1 Mar 12:00 AEDT is Tue 29 Feb 12:00 AEDT (01:00Z)",
                        "2028-03-01T01:00:00Z", "1d", "2028-02-29T01:00:00Z"),
                // Asia/Kolkata
                span("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "1d before Mon 1 Nov 02:30 IST is Sun 31 Oct 02:30 IST (30 Oct 21:00Z)",
                        "2027-10-31T21:00:00Z", "1d", "2027-10-30T21:00:00Z"),
                span("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "1d before Mon 29 Mar 02:30 IST is Sun 28 Mar 02:30 IST (27 Mar 21:00Z)",
                        "2027-03-28T21:00:00Z", "1d", "2027-03-27T21:00:00Z"),
                span("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "7d before Mon 29 Mar 10:00 IST is Mon 22 Mar 10:00 IST (04:30Z)",
                        "2027-03-29T04:30:00Z", "7d", "2027-03-22T04:30:00Z"),
                span("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "7d before Mon 1 Nov 10:00 IST is Mon 25 Oct 10:00 IST (04:30Z)",
                        "2027-11-01T04:30:00Z", "7d", "2027-10-25T04:30:00Z"),
                span("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "24h before Sun 28 Mar 12:00 IST is Sat 27 Mar 12:00 IST (06:30Z)",
                        "2027-03-28T06:30:00Z", "24h", "2027-03-27T06:30:00Z"),
                span("Asia/Kolkata", "2027-02-28 month end", "1d before Mon 1 Mar 10:00 IST is Sun 28 Feb 10:00 IST (04:30Z)",
                        "2027-03-01T04:30:00Z", "1d", "2027-02-28T04:30:00Z"),
                span("Asia/Kolkata", "2027-12-31 year end", "1d before Sat 1 Jan 2028 00:30 IST is Fri 31 Dec 2027 00:30 IST (30 Dec 19:00Z)",
                        "2027-12-31T19:00:00Z", "1d", "2027-12-30T19:00:00Z"),
                span("Asia/Kolkata", "2028-02-29 leap day", "365d before Tue 29 Feb 2028 12:00 IST is Mon 1 Mar 2027 12:00 IST (06:30Z)",
                        "2028-02-29T06:30:00Z", "365d", "2027-03-01T06:30:00Z"),
                span("Asia/Kolkata", "2028-02-29 leap day", "1d before Wed 1 Mar 12:00 IST is Tue 29 Feb 12:00 IST (06:30Z)",
                        "2028-03-01T06:30:00Z", "1d", "2028-02-29T06:30:00Z"),
                // UTC
                span("UTC", "2027-11-07 (US falls back, UTC has no DST)", "1d before Mon 8 Nov 01:30 UTC is Sun 7 Nov 01:30 UTC (01:30Z)",
                        "2027-11-08T01:30:00Z", "1d", "2027-11-07T01:30:00Z"),
                span("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "1d before Mon 15 Mar 02:30 UTC is Sun 14 Mar 02:30 UTC (02:30Z)",
                        "2027-03-15T02:30:00Z", "1d", "2027-03-14T02:30:00Z"),
                span("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "7d before Mon 15 Mar 10:00 UTC is Mon 8 Mar 10:00 UTC (10:00Z)",
                        "2027-03-15T10:00:00Z", "7d", "2027-03-08T10:00:00Z"),
                span("UTC", "2027-11-07 (US falls back, UTC has no DST)", "7d before Mon 8 Nov 10:00 UTC is Mon 1 Nov 10:00 UTC (10:00Z)",
                        "2027-11-08T10:00:00Z", "7d", "2027-11-01T10:00:00Z"),
                span("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "24h before Sun 14 Mar 12:00 UTC is Sat 13 Mar 12:00 UTC (12:00Z)",
                        "2027-03-14T12:00:00Z", "24h", "2027-03-13T12:00:00Z"),
                span("UTC", "2027-02-28 month end", "1d before Mon 1 Mar 10:00 UTC is Sun 28 Feb 10:00 UTC (10:00Z)",
                        "2027-03-01T10:00:00Z", "1d", "2027-02-28T10:00:00Z"),
                span("UTC", "2027-12-31 year end", "1d before Sat 1 Jan 2028 00:30 UTC is Fri 31 Dec 2027 00:30 UTC (00:30Z)",
                        "2028-01-01T00:30:00Z", "1d", "2027-12-31T00:30:00Z"),
                span("UTC", "2028-02-29 leap day", "365d before Tue 29 Feb 2028 12:00 UTC is Mon 1 Mar 2027 12:00 UTC (12:00Z)",
                        "2028-02-29T12:00:00Z", "365d", "2027-03-01T12:00:00Z"),
                span("UTC", "2028-02-29 leap day", "1d before Wed 1 Mar 12:00 UTC is Tue 29 Feb 12:00 UTC (12:00Z)",
                        "2028-03-01T12:00:00Z", "1d", "2028-02-29T12:00:00Z")
        );
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource
    void beforeTheStartOfADayIsAMidnightForDaysAndElapsedTimeForHours(String zone, String when, String story, String day, String span, String expected) {
        assertThat(Span.parse(span).beforeStartOf(LocalDate.parse(day), ZoneId.of(zone))).isEqualTo(expected);
    }

    static Stream<Arguments> beforeTheStartOfADayIsAMidnightForDaysAndElapsedTimeForHours() {
        return Stream.of(
                // America/New_York
                span("America/New_York", "2027-03-14 spring forward", "1d before the start of Mon 15 Mar is Sun 14 Mar 00:00 EST (05:00Z)",
                        "2027-03-15", "1d", "2027-03-14T05:00:00Z"),
                span("America/New_York", "2027-11-07 fall back", "1d before the start of Mon 8 Nov is Sun 7 Nov 00:00 EDT (04:00Z)",
                        "2027-11-08", "1d", "2027-11-07T04:00:00Z"),
                span("America/New_York", "2027-03-14 spring forward", "24h before the start of Mon 15 Mar is Sat 13 Mar 23:00 EST (14 Mar 04:00Z), not midnight: the Sunday had 23 hours",
                        "2027-03-15", "24h", "2027-03-14T04:00:00Z"),
                span("America/New_York", "2027-11-07 fall back", "24h before the start of Mon 8 Nov is Sun 7 Nov 01:00 EDT (05:00Z), not midnight: the Sunday had 25 hours",
                        "2027-11-08", "24h", "2027-11-07T05:00:00Z"),
                span("America/New_York", "2027-04-30 month end", "1d before the start of Sat 1 May is Fri 30 Apr 00:00 EDT (04:00Z)",
                        "2027-05-01", "1d", "2027-04-30T04:00:00Z"),
                span("America/New_York", "2027-02-28 month end", "1d before the start of Mon 1 Mar is Sun 28 Feb 00:00 EST (05:00Z)",
                        "2027-03-01", "1d", "2027-02-28T05:00:00Z"),
                span("America/New_York", "2027-12-31 year end", "1d before the start of Sat 1 Jan 2028 is Fri 31 Dec 2027 00:00 EST (05:00Z)",
                        "2028-01-01", "1d", "2027-12-31T05:00:00Z"),
                span("America/New_York", "2028-02-29 leap day", "1d before the start of Wed 1 Mar is Tue 29 Feb 00:00 EST (05:00Z)",
                        "2028-03-01", "1d", "2028-02-29T05:00:00Z"),
                span("America/New_York", "2028-02-29 leap day", "30d before the start of Tue 29 Feb is Sun 30 Jan 00:00 EST (05:00Z)",
                        "2028-02-29", "30d", "2028-01-30T05:00:00Z"),
                span("America/New_York", "2028-02-29 leap day", "120d before the start of Tue 29 Feb 2028 is Mon 1 Nov 2027 00:00 EDT (04:00Z)",
                        "2028-02-29", "120d", "2027-11-01T04:00:00Z"),
                // Europe/Berlin
                span("Europe/Berlin", "2027-03-28 spring forward", "1d before the start of Mon 29 Mar is Sun 28 Mar 00:00 CET (27 Mar 23:00Z)",
                        "2027-03-29", "1d", "2027-03-27T23:00:00Z"),
                span("Europe/Berlin", "2027-10-31 fall back", "1d before the start of Mon 1 Nov is Sun 31 Oct 00:00 CEST (30 Oct 22:00Z)",
                        "2027-11-01", "1d", "2027-10-30T22:00:00Z"),
                span("Europe/Berlin", "2027-03-28 spring forward", "24h before the start of Mon 29 Mar is Sat 27 Mar 23:00 CET (22:00Z), not midnight: the Sunday had 23 hours",
                        "2027-03-29", "24h", "2027-03-27T22:00:00Z"),
                span("Europe/Berlin", "2027-10-31 fall back", "24h before the start of Mon 1 Nov is Sun 31 Oct 01:00 CEST (30 Oct 23:00Z), not midnight: the Sunday had 25 hours",
                        "2027-11-01", "24h", "2027-10-30T23:00:00Z"),
                span("Europe/Berlin", "2027-04-30 month end", "1d before the start of Sat 1 May is Fri 30 Apr 00:00 CEST (29 Apr 22:00Z)",
                        "2027-05-01", "1d", "2027-04-29T22:00:00Z"),
                span("Europe/Berlin", "2027-02-28 month end", "1d before the start of Mon 1 Mar is Sun 28 Feb 00:00 CET (27 Feb 23:00Z)",
                        "2027-03-01", "1d", "2027-02-27T23:00:00Z"),
                span("Europe/Berlin", "2027-12-31 year end", "1d before the start of Sat 1 Jan 2028 is Fri 31 Dec 2027 00:00 CET (30 Dec 23:00Z)",
                        "2028-01-01", "1d", "2027-12-30T23:00:00Z"),
                span("Europe/Berlin", "2028-02-29 leap day", "1d before the start of Wed 1 Mar is Tue 29 Feb 00:00 CET (28 Feb 23:00Z)",
                        "2028-03-01", "1d", "2028-02-28T23:00:00Z"),
                span("Europe/Berlin", "2028-02-29 leap day", "30d before the start of Tue 29 Feb is Sun 30 Jan 00:00 CET (29 Jan 23:00Z)",
                        "2028-02-29", "30d", "2028-01-29T23:00:00Z"),
                span("Europe/Berlin", "2028-02-29 leap day", "120d before the start of Tue 29 Feb 2028 is Mon 1 Nov 2027 00:00 CET (31 Oct 23:00Z)",
                        "2028-02-29", "120d", "2027-10-31T23:00:00Z"),
                // Australia/Sydney
                span("Australia/Sydney", "2027-10-03 spring forward", "1d before the start of Mon 4 Oct is Sun 3 Oct 00:00 AEST (2 Oct 14:00Z)",
                        "2027-10-04", "1d", "2027-10-02T14:00:00Z"),
                span("Australia/Sydney", "2027-04-04 fall back", "1d before the start of Mon 5 Apr is Sun 4 Apr 00:00 AEDT (3 Apr 13:00Z)",
                        "2027-04-05", "1d", "2027-04-03T13:00:00Z"),
                span("Australia/Sydney", "2027-10-03 spring forward", "24h before the start of Mon 4 Oct is Sat 2 Oct 23:00 AEST (13:00Z), not midnight: the Sunday had 23 hours",
                        "2027-10-04", "24h", "2027-10-02T13:00:00Z"),
                span("Australia/Sydney", "2027-04-04 fall back", "24h before the start of Mon 5 Apr is Sun 4 Apr 01:00 AEDT (3 Apr 14:00Z), not midnight: the Sunday had 25 hours",
                        "2027-04-05", "24h", "2027-04-03T14:00:00Z"),
                span("Australia/Sydney", "2027-04-30 month end", "1d before the start of Sat 1 May is Fri 30 Apr 00:00 AEST (29 Apr 14:00Z)",
                        "2027-05-01", "1d", "2027-04-29T14:00:00Z"),
                span("Australia/Sydney", "2027-02-28 month end", "1d before the start of Mon 1 Mar is Sun 28 Feb 00:00 AEDT (27 Feb 13:00Z)",
                        "2027-03-01", "1d", "2027-02-27T13:00:00Z"),
                span("Australia/Sydney", "2027-12-31 year end", "1d before the start of Sat 1 Jan 2028 is Fri 31 Dec 2027 00:00 AEDT (30 Dec 13:00Z)",
                        "2028-01-01", "1d", "2027-12-30T13:00:00Z"),
                span("Australia/Sydney", "2028-02-29 leap day", "1d before the start of Wed 1 Mar is Tue 29 Feb 00:00 AEDT (28 Feb 13:00Z)",
                        "2028-03-01", "1d", "2028-02-28T13:00:00Z"),
                span("Australia/Sydney", "2028-02-29 leap day", "30d before the start of Tue 29 Feb is Sun 30 Jan 00:00 AEDT (29 Jan 13:00Z)",
                        "2028-02-29", "30d", "2028-01-29T13:00:00Z"),
                span("Australia/Sydney", "2028-02-29 leap day", "120d before the start of Tue 29 Feb 2028 is Mon 1 Nov 2027 00:00 AEDT (31 Oct 13:00Z)",
                        "2028-02-29", "120d", "2027-10-31T13:00:00Z"),
                // Asia/Kolkata
                span("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "1d before the start of Mon 29 Mar is Sun 28 Mar 00:00 IST (27 Mar 18:30Z)",
                        "2027-03-29", "1d", "2027-03-27T18:30:00Z"),
                span("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "1d before the start of Mon 1 Nov is Sun 31 Oct 00:00 IST (30 Oct 18:30Z)",
                        "2027-11-01", "1d", "2027-10-30T18:30:00Z"),
                span("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "24h before the start of Mon 29 Mar is Sun 28 Mar 00:00 IST (27 Mar 18:30Z)",
                        "2027-03-29", "24h", "2027-03-27T18:30:00Z"),
                span("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "24h before the start of Mon 1 Nov is Sun 31 Oct 00:00 IST (30 Oct 18:30Z)",
                        "2027-11-01", "24h", "2027-10-30T18:30:00Z"),
                span("Asia/Kolkata", "2027-04-30 month end", "1d before the start of Sat 1 May is Fri 30 Apr 00:00 IST (29 Apr 18:30Z)",
                        "2027-05-01", "1d", "2027-04-29T18:30:00Z"),
                span("Asia/Kolkata", "2027-02-28 month end", "1d before the start of Mon 1 Mar is Sun 28 Feb 00:00 IST (27 Feb 18:30Z)",
                        "2027-03-01", "1d", "2027-02-27T18:30:00Z"),
                span("Asia/Kolkata", "2027-12-31 year end", "1d before the start of Sat 1 Jan 2028 is Fri 31 Dec 2027 00:00 IST (30 Dec 18:30Z)",
                        "2028-01-01", "1d", "2027-12-30T18:30:00Z"),
                span("Asia/Kolkata", "2028-02-29 leap day", "1d before the start of Wed 1 Mar is Tue 29 Feb 00:00 IST (28 Feb 18:30Z)",
                        "2028-03-01", "1d", "2028-02-28T18:30:00Z"),
                span("Asia/Kolkata", "2028-02-29 leap day", "30d before the start of Tue 29 Feb is Sun 30 Jan 00:00 IST (29 Jan 18:30Z)",
                        "2028-02-29", "30d", "2028-01-29T18:30:00Z"),
                span("Asia/Kolkata", "2028-02-29 leap day", "120d before the start of Tue 29 Feb 2028 is Mon 1 Nov 2027 00:00 IST (31 Oct 18:30Z)",
                        "2028-02-29", "120d", "2027-10-31T18:30:00Z"),
                // UTC
                span("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "1d before the start of Mon 15 Mar is Sun 14 Mar 00:00 UTC (00:00Z)",
                        "2027-03-15", "1d", "2027-03-14T00:00:00Z"),
                span("UTC", "2027-11-07 (US falls back, UTC has no DST)", "1d before the start of Mon 8 Nov is Sun 7 Nov 00:00 UTC (00:00Z)",
                        "2027-11-08", "1d", "2027-11-07T00:00:00Z"),
                span("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "24h before the start of Mon 15 Mar is Sun 14 Mar 00:00 UTC (00:00Z)",
                        "2027-03-15", "24h", "2027-03-14T00:00:00Z"),
                span("UTC", "2027-11-07 (US falls back, UTC has no DST)", "24h before the start of Mon 8 Nov is Sun 7 Nov 00:00 UTC (00:00Z)",
                        "2027-11-08", "24h", "2027-11-07T00:00:00Z"),
                span("UTC", "2027-04-30 month end", "1d before the start of Sat 1 May is Fri 30 Apr 00:00 UTC (00:00Z)",
                        "2027-05-01", "1d", "2027-04-30T00:00:00Z"),
                span("UTC", "2027-02-28 month end", "1d before the start of Mon 1 Mar is Sun 28 Feb 00:00 UTC (00:00Z)",
                        "2027-03-01", "1d", "2027-02-28T00:00:00Z"),
                span("UTC", "2027-12-31 year end", "1d before the start of Sat 1 Jan 2028 is Fri 31 Dec 2027 00:00 UTC (00:00Z)",
                        "2028-01-01", "1d", "2027-12-31T00:00:00Z"),
                span("UTC", "2028-02-29 leap day", "1d before the start of Wed 1 Mar is Tue 29 Feb 00:00 UTC (00:00Z)",
                        "2028-03-01", "1d", "2028-02-29T00:00:00Z"),
                span("UTC", "2028-02-29 leap day", "30d before the start of Tue 29 Feb is Sun 30 Jan 00:00 UTC (00:00Z)",
                        "2028-02-29", "30d", "2028-01-30T00:00:00Z"),
                span("UTC", "2028-02-29 leap day", "120d before the start of Tue 29 Feb 2028 is Mon 1 Nov 2027 00:00 UTC (00:00Z)",
                        "2028-02-29", "120d", "2027-11-01T00:00:00Z")
        );
    }

    private static Arguments span(String zone, String when, String story, String from, String span, String expected) {
        return Arguments.of(zone, when, story, from, span, expected);
    }
}
