package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When steps, tasks, cooldowns and measures come due on the awkward days of the calendar: each clock change,
 * month ends, the year end and 29 February 2028, in five zones. The clock changes of 2027 used here:
 * <pre>
 *   America/New_York   forward Sun 14 Mar 02:00 EST -> 03:00 EDT    back Sun 7 Nov 02:00 EDT -> 01:00 EST
 *   Europe/Berlin      forward Sun 28 Mar 02:00 CET -> 03:00 CEST   back Sun 31 Oct 03:00 CEST -> 02:00 CET
 *   Australia/Sydney   forward Sun 3 Oct 02:00 AEST -> 03:00 AEDT   back Sun 4 Apr 03:00 AEDT -> 02:00 AEST
 *   Asia/Kolkata       +05:30 all year: Europe's dates must show no shift
 *   UTC                the US dates must show no shift
 * </pre>
 * Every expected instant is written out, worked out from these offsets and checked against the tz database;
 * none is computed here, so a test cannot agree with the code by repeating its arithmetic. Business hours
 * are 09:00–17:00, Monday to Friday.
 */
class StepTimesCalendarMatrixUnitTest {

    private static final SendWindow.BusinessHours NINE_TO_FIVE = new SendWindow.BusinessHours(LocalTime.of(9, 0), LocalTime.of(17, 0));

    // None of the zones under test, so a case that wrongly fell back to the default would fail.
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Pacific/Honolulu");
    private static final StepPlacement PLACEMENT = new StepPlacement(DEFAULT_ZONE, NINE_TO_FIVE);

    private static final SendWindow ANY_TIME = SendWindow.ANY_TIME;
    private static final SendWindow BUSINESS_HOURS = new SendWindow(true, false, null);
    private static final SendWindow BUSINESS_DAYS = new SendWindow(false, true, null);
    private static final SendWindow AT_0930 = new SendWindow(false, false, LocalTime.of(9, 30));
    private static final SendWindow AT_0230 = new SendWindow(false, false, LocalTime.of(2, 30));
    private static final SendWindow AT_0130 = new SendWindow(false, false, LocalTime.of(1, 30));
    private static final SendWindow WEEKDAYS_AT_0930 = new SendWindow(false, true, LocalTime.of(9, 30));

    private static Account accountIn(String zone) {
        return new Account("a-1", "Acme", Segment.LOW_TOUCH, Stage.VALUE, "dana@cs.example", null, null,
                LocalDate.of(2025, 1, 1), null, zone);
    }

    private static StepDefinition task(Span delay, SendWindow window) {
        return new StepDefinition(StepType.TASK, delay, "csm", "Call", null, "NORMAL", Span.ofDays(3), List.of(), null, window);
    }

    private static StepDefinition emailToTheChampion(Span delay) {
        return new StepDefinition(StepType.EMAIL, delay, null, null, null, null, null, List.of("champion"), "check-in", ANY_TIME);
    }

    private static StepTimes timesFor(String zone) {
        return PLACEMENT.forAccount(accountIn(zone), List.of());
    }

    // A delay in days: the same local time that many days later, then the send window.

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource
    void aDelayInDaysIsCountedOnTheCalendarThenWaitsForTheWindow(String zone, String when, String story,
                                                                 String startedAt, int days, SendWindow window, String due) {
        assertThat(timesFor(zone).due(task(Span.ofDays(days), window), Instant.parse(startedAt))).isEqualTo(due);
    }

    static Stream<Arguments> aDelayInDaysIsCountedOnTheCalendarThenWaitsForTheWindow() {
        return Stream.of(
                // America/New_York
                days("America/New_York", "2027-03-14 spring forward", "1d after Sat 13 Mar 10:00 EST is Sun 14 Mar 10:00 EDT (14:00Z)",
                        "2027-03-13T15:00:00Z", 1, ANY_TIME, "2027-03-14T14:00:00Z"),
                days("America/New_York", "2027-11-07 fall back", "1d after Sat 6 Nov 10:00 EDT is Sun 7 Nov 10:00 EST (15:00Z)",
                        "2027-11-06T14:00:00Z", 1, ANY_TIME, "2027-11-07T15:00:00Z"),
                days("America/New_York", "2027-03-14 spring forward", "7d after Wed 10 Mar 10:00 EST is Wed 17 Mar 10:00 EDT (14:00Z)",
                        "2027-03-10T15:00:00Z", 7, ANY_TIME, "2027-03-17T14:00:00Z"),
                days("America/New_York", "2027-11-07 fall back", "7d after Wed 3 Nov 10:00 EDT is Wed 10 Nov 10:00 EST (15:00Z)",
                        "2027-11-03T14:00:00Z", 7, ANY_TIME, "2027-11-10T15:00:00Z"),
                days("America/New_York", "2027-01-31 month end", "1d after Sun 31 Jan 10:00 EST is Mon 1 Feb 10:00 EST (15:00Z)",
                        "2027-01-31T15:00:00Z", 1, ANY_TIME, "2027-02-01T15:00:00Z"),
                days("America/New_York", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 EST is Tue 2 Mar 10:00 EST (15:00Z): February has 28 days",
                        "2027-01-31T15:00:00Z", 30, ANY_TIME, "2027-03-02T15:00:00Z"),
                days("America/New_York", "2027-04-30 month end", "1d after Fri 30 Apr 10:00 EDT is Sat 1 May 10:00 EDT (14:00Z)",
                        "2027-04-30T14:00:00Z", 1, ANY_TIME, "2027-05-01T14:00:00Z"),
                days("America/New_York", "2027-12-31 year end", "2d after Fri 31 Dec 2027 10:00 EST is Sun 2 Jan 2028 10:00 EST (15:00Z)",
                        "2027-12-31T15:00:00Z", 2, ANY_TIME, "2028-01-02T15:00:00Z"),
                days("America/New_York", "2028-02-29 leap day", "1d after Mon 28 Feb 10:00 EST is Tue 29 Feb 10:00 EST (15:00Z)",
                        "2028-02-28T15:00:00Z", 1, ANY_TIME, "2028-02-29T15:00:00Z"),
                days("America/New_York", "2028-02-29 leap day", "2d after Mon 28 Feb 10:00 EST is Wed 1 Mar 10:00 EST (15:00Z)",
                        "2028-02-28T15:00:00Z", 2, ANY_TIME, "2028-03-01T15:00:00Z"),
                days("America/New_York", "2028-02-29 leap day", "365d after Mon 1 Mar 2027 10:00 EST is Tue 29 Feb 2028 10:00 EST (15:00Z), a year with both clock changes",
                        "2027-03-01T15:00:00Z", 365, ANY_TIME, "2028-02-29T15:00:00Z"),
                days("America/New_York", "2028-02-29 leap day", "30d after Mon 31 Jan 10:00 EST is Wed 1 Mar 10:00 EST (15:00Z): February has 29 days",
                        "2028-01-31T15:00:00Z", 30, ANY_TIME, "2028-03-01T15:00:00Z"),
                days("America/New_York", "2027-03-14 spring forward", "business hours: 2d after Fri 12 Mar 16:00 EST is a Sunday, so Mon 15 Mar 09:00 EDT (13:00Z)",
                        "2027-03-12T21:00:00Z", 2, BUSINESS_HOURS, "2027-03-15T13:00:00Z"),
                days("America/New_York", "2027-11-07 fall back", "business hours: 2d after Fri 5 Nov 16:00 EDT is a Sunday, so Mon 8 Nov 09:00 EST (14:00Z)",
                        "2027-11-05T20:00:00Z", 2, BUSINESS_HOURS, "2027-11-08T14:00:00Z"),
                days("America/New_York", "2027-03-14 spring forward", "business hours: 1d after Sat 13 Mar 02:30 EST is in the hour the clock skips, on a Sunday, so Mon 15 Mar 09:00 EDT (13:00Z)",
                        "2027-03-13T07:30:00Z", 1, BUSINESS_HOURS, "2027-03-15T13:00:00Z"),
                days("America/New_York", "2027-01-31 month end", "business hours: 1d after Sun 31 Jan 18:00 EST is after closing on Mon 1 Feb, so Tue 2 Feb 09:00 EST (14:00Z)",
                        "2027-01-31T23:00:00Z", 1, BUSINESS_HOURS, "2027-02-02T14:00:00Z"),
                days("America/New_York", "2027-04-30 month end", "business hours: 1d after Fri 30 Apr 10:00 EDT is Sat 1 May, so Mon 3 May 09:00 EDT (13:00Z)",
                        "2027-04-30T14:00:00Z", 1, BUSINESS_HOURS, "2027-05-03T13:00:00Z"),
                days("America/New_York", "2027-12-31 year end", "business hours: 1d after Fri 31 Dec 2027 12:00 EST is Sat 1 Jan, so Mon 3 Jan 2028 09:00 EST (14:00Z)",
                        "2027-12-31T17:00:00Z", 1, BUSINESS_HOURS, "2028-01-03T14:00:00Z"),
                days("America/New_York", "2028-02-29 leap day", "business hours: 1d after Mon 28 Feb 08:00 EST is before opening, so Tue 29 Feb 09:00 EST (14:00Z)",
                        "2028-02-28T13:00:00Z", 1, BUSINESS_HOURS, "2028-02-29T14:00:00Z"),
                days("America/New_York", "2027-03-14 spring forward", "at 09:30: 1d after Sat 13 Mar 08:00 EST is Sun 14 Mar 09:30 EDT (13:30Z)",
                        "2027-03-13T13:00:00Z", 1, AT_0930, "2027-03-14T13:30:00Z"),
                days("America/New_York", "2027-11-07 fall back", "at 09:30: 1d after Sat 6 Nov 08:00 EDT is Sun 7 Nov 09:30 EST (14:30Z)",
                        "2027-11-06T12:00:00Z", 1, AT_0930, "2027-11-07T14:30:00Z"),
                days("America/New_York", "2027-03-14 spring forward", "at 02:30, a time the clock skips: 1d after Sat 13 Mar 01:00 EST is Sun 14 Mar 03:30 EDT (07:30Z)",
                        "2027-03-13T06:00:00Z", 1, AT_0230, "2027-03-14T07:30:00Z"),
                days("America/New_York", "2027-11-07 fall back", "at 01:30, a time that happens twice: 1d after Sat 6 Nov 00:15 EDT is the first, Sun 7 Nov 01:30 EDT (05:30Z)",
                        "2027-11-06T04:15:00Z", 1, AT_0130, "2027-11-07T05:30:00Z"),
                days("America/New_York", "2027-04-30 month end", "at 09:30: 1d after Fri 30 Apr 09:45 EDT has passed 09:30, so Sun 2 May 09:30 EDT (13:30Z)",
                        "2027-04-30T13:45:00Z", 1, AT_0930, "2027-05-02T13:30:00Z"),
                days("America/New_York", "2027-12-31 year end", "at 09:30: 1d after Fri 31 Dec 2027 10:00 EST has passed 09:30, so Sun 2 Jan 2028 09:30 EST (14:30Z)",
                        "2027-12-31T15:00:00Z", 1, AT_0930, "2028-01-02T14:30:00Z"),
                days("America/New_York", "2028-02-29 leap day", "at 09:30: 1d after Mon 28 Feb 20:00 EST is the evening of 29 Feb, so Wed 1 Mar 09:30 EST (14:30Z)",
                        "2028-02-29T01:00:00Z", 1, AT_0930, "2028-03-01T14:30:00Z"),
                days("America/New_York", "2027-03-14 spring forward", "business days: 1d after Fri 12 Mar 10:00 EST is a Saturday, so Mon 15 Mar 00:00 EDT (04:00Z)",
                        "2027-03-12T15:00:00Z", 1, BUSINESS_DAYS, "2027-03-15T04:00:00Z"),
                days("America/New_York", "2027-11-07 fall back", "business days: 1d after Fri 5 Nov 10:00 EDT is a Saturday, so Mon 8 Nov 00:00 EST (05:00Z)",
                        "2027-11-05T14:00:00Z", 1, BUSINESS_DAYS, "2027-11-08T05:00:00Z"),
                days("America/New_York", "2027-03-14 spring forward", "weekdays at 09:30: 1d after Fri 12 Mar 10:00 EST is a Saturday, so Mon 15 Mar 09:30 EDT (13:30Z)",
                        "2027-03-12T15:00:00Z", 1, WEEKDAYS_AT_0930, "2027-03-15T13:30:00Z"),
                days("America/New_York", "2027-04-30 month end", "business days: 1d after Fri 30 Apr 10:00 EDT is Sat 1 May, so Mon 3 May 00:00 EDT (04:00Z)",
                        "2027-04-30T14:00:00Z", 1, BUSINESS_DAYS, "2027-05-03T04:00:00Z"),
                days("America/New_York", "2027-12-31 year end", "business days: 1d after Fri 31 Dec 2027 10:00 EST is Sat 1 Jan, so Mon 3 Jan 2028 00:00 EST (05:00Z)",
                        "2027-12-31T15:00:00Z", 1, BUSINESS_DAYS, "2028-01-03T05:00:00Z"),
                days("America/New_York", "2028-02-29 leap day", "business days: 1d after Mon 28 Feb 23:30 EST is Tue 29 Feb, a business day: Tue 29 Feb 23:30 EST (1 Mar 04:30Z)",
                        "2028-02-29T04:30:00Z", 1, BUSINESS_DAYS, "2028-03-01T04:30:00Z"),
                // Europe/Berlin
                days("Europe/Berlin", "2027-03-28 spring forward", "1d after Sat 27 Mar 10:00 CET is Sun 28 Mar 10:00 CEST (08:00Z)",
                        "2027-03-27T09:00:00Z", 1, ANY_TIME, "2027-03-28T08:00:00Z"),
                days("Europe/Berlin", "2027-10-31 fall back", "1d after Sat 30 Oct 10:00 CEST is Sun 31 Oct 10:00 CET (09:00Z)",
                        "2027-10-30T08:00:00Z", 1, ANY_TIME, "2027-10-31T09:00:00Z"),
                days("Europe/Berlin", "2027-03-28 spring forward", "7d after Wed 24 Mar 10:00 CET is Wed 31 Mar 10:00 CEST (08:00Z)",
                        "2027-03-24T09:00:00Z", 7, ANY_TIME, "2027-03-31T08:00:00Z"),
                days("Europe/Berlin", "2027-10-31 fall back", "7d after Wed 27 Oct 10:00 CEST is Wed 3 Nov 10:00 CET (09:00Z)",
                        "2027-10-27T08:00:00Z", 7, ANY_TIME, "2027-11-03T09:00:00Z"),
                days("Europe/Berlin", "2027-01-31 month end", "1d after Sun 31 Jan 10:00 CET is Mon 1 Feb 10:00 CET (09:00Z)",
                        "2027-01-31T09:00:00Z", 1, ANY_TIME, "2027-02-01T09:00:00Z"),
                days("Europe/Berlin", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 CET is Tue 2 Mar 10:00 CET (09:00Z): February has 28 days",
                        "2027-01-31T09:00:00Z", 30, ANY_TIME, "2027-03-02T09:00:00Z"),
                days("Europe/Berlin", "2027-04-30 month end", "1d after Fri 30 Apr 10:00 CEST is Sat 1 May 10:00 CEST (08:00Z)",
                        "2027-04-30T08:00:00Z", 1, ANY_TIME, "2027-05-01T08:00:00Z"),
                days("Europe/Berlin", "2027-12-31 year end", "2d after Fri 31 Dec 2027 10:00 CET is Sun 2 Jan 2028 10:00 CET (09:00Z)",
                        "2027-12-31T09:00:00Z", 2, ANY_TIME, "2028-01-02T09:00:00Z"),
                days("Europe/Berlin", "2028-02-29 leap day", "1d after Mon 28 Feb 10:00 CET is Tue 29 Feb 10:00 CET (09:00Z)",
                        "2028-02-28T09:00:00Z", 1, ANY_TIME, "2028-02-29T09:00:00Z"),
                days("Europe/Berlin", "2028-02-29 leap day", "2d after Mon 28 Feb 10:00 CET is Wed 1 Mar 10:00 CET (09:00Z)",
                        "2028-02-28T09:00:00Z", 2, ANY_TIME, "2028-03-01T09:00:00Z"),
                days("Europe/Berlin", "2028-02-29 leap day", "365d after Mon 1 Mar 2027 10:00 CET is Tue 29 Feb 2028 10:00 CET (09:00Z), a year with both clock changes",
                        "2027-03-01T09:00:00Z", 365, ANY_TIME, "2028-02-29T09:00:00Z"),
                days("Europe/Berlin", "2028-02-29 leap day", "30d after Mon 31 Jan 10:00 CET is Wed 1 Mar 10:00 CET (09:00Z): February has 29 days",
                        "2028-01-31T09:00:00Z", 30, ANY_TIME, "2028-03-01T09:00:00Z"),
                days("Europe/Berlin", "2027-03-28 spring forward", "business hours: 2d after Fri 26 Mar 16:00 CET is a Sunday, so Mon 29 Mar 09:00 CEST (07:00Z)",
                        "2027-03-26T15:00:00Z", 2, BUSINESS_HOURS, "2027-03-29T07:00:00Z"),
                days("Europe/Berlin", "2027-10-31 fall back", "business hours: 2d after Fri 29 Oct 16:00 CEST is a Sunday, so Mon 1 Nov 09:00 CET (08:00Z)",
                        "2027-10-29T14:00:00Z", 2, BUSINESS_HOURS, "2027-11-01T08:00:00Z"),
                days("Europe/Berlin", "2027-03-28 spring forward", "business hours: 1d after Sat 27 Mar 02:30 CET is in the hour the clock skips, on a Sunday, so Mon 29 Mar 09:00 CEST (07:00Z)",
                        "2027-03-27T01:30:00Z", 1, BUSINESS_HOURS, "2027-03-29T07:00:00Z"),
                days("Europe/Berlin", "2027-01-31 month end", "business hours: 1d after Sun 31 Jan 18:00 CET is after closing on Mon 1 Feb, so Tue 2 Feb 09:00 CET (08:00Z)",
                        "2027-01-31T17:00:00Z", 1, BUSINESS_HOURS, "2027-02-02T08:00:00Z"),
                days("Europe/Berlin", "2027-04-30 month end", "business hours: 1d after Fri 30 Apr 10:00 CEST is Sat 1 May, so Mon 3 May 09:00 CEST (07:00Z)",
                        "2027-04-30T08:00:00Z", 1, BUSINESS_HOURS, "2027-05-03T07:00:00Z"),
                days("Europe/Berlin", "2027-12-31 year end", "business hours: 1d after Fri 31 Dec 2027 12:00 CET is Sat 1 Jan, so Mon 3 Jan 2028 09:00 CET (08:00Z)",
                        "2027-12-31T11:00:00Z", 1, BUSINESS_HOURS, "2028-01-03T08:00:00Z"),
                days("Europe/Berlin", "2028-02-29 leap day", "business hours: 1d after Mon 28 Feb 08:00 CET is before opening, so Tue 29 Feb 09:00 CET (08:00Z)",
                        "2028-02-28T07:00:00Z", 1, BUSINESS_HOURS, "2028-02-29T08:00:00Z"),
                days("Europe/Berlin", "2027-03-28 spring forward", "at 09:30: 1d after Sat 27 Mar 08:00 CET is Sun 28 Mar 09:30 CEST (07:30Z)",
                        "2027-03-27T07:00:00Z", 1, AT_0930, "2027-03-28T07:30:00Z"),
                days("Europe/Berlin", "2027-10-31 fall back", "at 09:30: 1d after Sat 30 Oct 08:00 CEST is Sun 31 Oct 09:30 CET (08:30Z)",
                        "2027-10-30T06:00:00Z", 1, AT_0930, "2027-10-31T08:30:00Z"),
                days("Europe/Berlin", "2027-03-28 spring forward", "at 02:30, a time the clock skips: 1d after Sat 27 Mar 01:00 CET is Sun 28 Mar 03:30 CEST (01:30Z)",
                        "2027-03-27T00:00:00Z", 1, AT_0230, "2027-03-28T01:30:00Z"),
                days("Europe/Berlin", "2027-10-31 fall back", "at 02:30, a time that happens twice: 1d after Sat 30 Oct 00:15 CEST is the first, Sun 31 Oct 02:30 CEST (00:30Z)",
                        "2027-10-29T22:15:00Z", 1, AT_0230, "2027-10-31T00:30:00Z"),
                days("Europe/Berlin", "2027-04-30 month end", "at 09:30: 1d after Fri 30 Apr 09:45 CEST has passed 09:30, so Sun 2 May 09:30 CEST (07:30Z)",
                        "2027-04-30T07:45:00Z", 1, AT_0930, "2027-05-02T07:30:00Z"),
                days("Europe/Berlin", "2027-12-31 year end", "at 09:30: 1d after Fri 31 Dec 2027 10:00 CET has passed 09:30, so Sun 2 Jan 2028 09:30 CET (08:30Z)",
                        "2027-12-31T09:00:00Z", 1, AT_0930, "2028-01-02T08:30:00Z"),
                days("Europe/Berlin", "2028-02-29 leap day", "at 09:30: 1d after Mon 28 Feb 20:00 CET is the evening of 29 Feb, so Wed 1 Mar 09:30 CET (08:30Z)",
                        "2028-02-28T19:00:00Z", 1, AT_0930, "2028-03-01T08:30:00Z"),
                days("Europe/Berlin", "2027-03-28 spring forward", "business days: 1d after Fri 26 Mar 10:00 CET is a Saturday, so Mon 29 Mar 00:00 CEST (28 Mar 22:00Z)",
                        "2027-03-26T09:00:00Z", 1, BUSINESS_DAYS, "2027-03-28T22:00:00Z"),
                days("Europe/Berlin", "2027-10-31 fall back", "business days: 1d after Fri 29 Oct 10:00 CEST is a Saturday, so Mon 1 Nov 00:00 CET (31 Oct 23:00Z)",
                        "2027-10-29T08:00:00Z", 1, BUSINESS_DAYS, "2027-10-31T23:00:00Z"),
                days("Europe/Berlin", "2027-03-28 spring forward", "weekdays at 09:30: 1d after Fri 26 Mar 10:00 CET is a Saturday, so Mon 29 Mar 09:30 CEST (07:30Z)",
                        "2027-03-26T09:00:00Z", 1, WEEKDAYS_AT_0930, "2027-03-29T07:30:00Z"),
                days("Europe/Berlin", "2027-04-30 month end", "business days: 1d after Fri 30 Apr 10:00 CEST is Sat 1 May, so Mon 3 May 00:00 CEST (2 May 22:00Z)",
                        "2027-04-30T08:00:00Z", 1, BUSINESS_DAYS, "2027-05-02T22:00:00Z"),
                days("Europe/Berlin", "2027-12-31 year end", "business days: 1d after Fri 31 Dec 2027 10:00 CET is Sat 1 Jan, so Mon 3 Jan 2028 00:00 CET (2 Jan 23:00Z)",
                        "2027-12-31T09:00:00Z", 1, BUSINESS_DAYS, "2028-01-02T23:00:00Z"),
                days("Europe/Berlin", "2028-02-29 leap day", "business days: 1d after Mon 28 Feb 23:30 CET is Tue 29 Feb, a business day: Tue 29 Feb 23:30 CET (22:30Z)",
                        "2028-02-28T22:30:00Z", 1, BUSINESS_DAYS, "2028-02-29T22:30:00Z"),
                // Australia/Sydney
                days("Australia/Sydney", "2027-10-03 spring forward", "1d after Sat 2 Oct 10:00 AEST is Sun 3 Oct 10:00 AEDT (2 Oct 23:00Z)",
                        "2027-10-02T00:00:00Z", 1, ANY_TIME, "2027-10-02T23:00:00Z"),
                days("Australia/Sydney", "2027-04-04 fall back", "1d after Sat 3 Apr 10:00 AEDT is Sun 4 Apr 10:00 AEST (00:00Z)",
                        "2027-04-02T23:00:00Z", 1, ANY_TIME, "2027-04-04T00:00:00Z"),
                days("Australia/Sydney", "2027-10-03 spring forward", "7d after Wed 29 Sep 10:00 AEST is Wed 6 Oct 10:00 AEDT (5 Oct 23:00Z)",
                        "2027-09-29T00:00:00Z", 7, ANY_TIME, "2027-10-05T23:00:00Z"),
                days("Australia/Sydney", "2027-04-04 fall back", "7d after Wed 31 Mar 10:00 AEDT is Wed 7 Apr 10:00 AEST (00:00Z)",
                        "2027-03-30T23:00:00Z", 7, ANY_TIME, "2027-04-07T00:00:00Z"),
                days("Australia/Sydney", "2027-01-31 month end", "1d after Sun 31 Jan 10:00 AEDT is Mon 1 Feb 10:00 AEDT (31 Jan 23:00Z)",
                        "2027-01-30T23:00:00Z", 1, ANY_TIME, "2027-01-31T23:00:00Z"),
                days("Australia/Sydney", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 AEDT is Tue 2 Mar 10:00 AEDT (1 Mar 23:00Z): February has 28 days",
                        "2027-01-30T23:00:00Z", 30, ANY_TIME, "2027-03-01T23:00:00Z"),
                days("Australia/Sydney", "2027-04-30 month end", "1d after Fri 30 Apr 10:00 AEST is Sat 1 May 10:00 AEST (00:00Z)",
                        "2027-04-30T00:00:00Z", 1, ANY_TIME, "2027-05-01T00:00:00Z"),
                days("Australia/Sydney", "2027-12-31 year end", "2d after Fri 31 Dec 2027 10:00 AEDT is Sun 2 Jan 2028 10:00 AEDT (1 Jan 23:00Z)",
                        "2027-12-30T23:00:00Z", 2, ANY_TIME, "2028-01-01T23:00:00Z"),
                days("Australia/Sydney", "2028-02-29 leap day", "1d after Mon 28 Feb 10:00 AEDT is Tue 29 Feb 10:00 AEDT (28 Feb 23:00Z)",
                        "2028-02-27T23:00:00Z", 1, ANY_TIME, "2028-02-28T23:00:00Z"),
                days("Australia/Sydney", "2028-02-29 leap day", "2d after Mon 28 Feb 10:00 AEDT is Wed 1 Mar 10:00 AEDT (29 Feb 23:00Z)",
                        "2028-02-27T23:00:00Z", 2, ANY_TIME, "2028-02-29T23:00:00Z"),
                days("Australia/Sydney", "2028-02-29 leap day", "365d after Mon 1 Mar 2027 10:00 AEDT is Tue 29 Feb 2028 10:00 AEDT (28 Feb 23:00Z), a year with both clock changes",
                        "2027-02-28T23:00:00Z", 365, ANY_TIME, "2028-02-28T23:00:00Z"),
                days("Australia/Sydney", "2028-02-29 leap day", "30d after Mon 31 Jan 10:00 AEDT is Wed 1 Mar 10:00 AEDT (29 Feb 23:00Z): February has 29 days",
                        "2028-01-30T23:00:00Z", 30, ANY_TIME, "2028-02-29T23:00:00Z"),
                days("Australia/Sydney", "2027-10-03 spring forward", "business hours: 2d after Fri 1 Oct 16:00 AEST is a Sunday, so Mon 4 Oct 09:00 AEDT (3 Oct 22:00Z)",
                        "2027-10-01T06:00:00Z", 2, BUSINESS_HOURS, "2027-10-03T22:00:00Z"),
                days("Australia/Sydney", "2027-04-04 fall back", "business hours: 2d after Fri 2 Apr 16:00 AEDT is a Sunday, so Mon 5 Apr 09:00 AEST (4 Apr 23:00Z)",
                        "2027-04-02T05:00:00Z", 2, BUSINESS_HOURS, "2027-04-04T23:00:00Z"),
                days("Australia/Sydney", "2027-10-03 spring forward", "business hours: 1d after Sat 2 Oct 02:30 AEST is in the hour the clock skips, on a Sunday, so Mon 4 Oct 09:00 AEDT (3 Oct 22:00Z)",
                        "2027-10-01T16:30:00Z", 1, BUSINESS_HOURS, "2027-10-03T22:00:00Z"),
                days("Australia/Sydney", "2027-01-31 month end", "business hours: 1d after Sun 31 Jan 18:00 AEDT is after closing on Mon 1 Feb, so Tue 2 Feb 09:00 AEDT (1 Feb 22:00Z)",
                        "2027-01-31T07:00:00Z", 1, BUSINESS_HOURS, "2027-02-01T22:00:00Z"),
                days("Australia/Sydney", "2027-04-30 month end", "business hours: 1d after Fri 30 Apr 10:00 AEST is Sat 1 May, so Mon 3 May 09:00 AEST (2 May 23:00Z)",
                        "2027-04-30T00:00:00Z", 1, BUSINESS_HOURS, "2027-05-02T23:00:00Z"),
                days("Australia/Sydney", "2027-12-31 year end", "business hours: 1d after Fri 31 Dec 2027 12:00 AEDT is Sat 1 Jan, so Mon 3 Jan 2028 09:00 AEDT (2 Jan 22:00Z)",
                        "2027-12-31T01:00:00Z", 1, BUSINESS_HOURS, "2028-01-02T22:00:00Z"),
                days("Australia/Sydney", "2028-02-29 leap day", "business hours: 1d after Mon 28 Feb 08:00 AEDT is before opening, so Tue 29 Feb 09:00 AEDT (28 Feb 22:00Z)",
                        "2028-02-27T21:00:00Z", 1, BUSINESS_HOURS, "2028-02-28T22:00:00Z"),
                days("Australia/Sydney", "2027-10-03 spring forward", "at 09:30: 1d after Sat 2 Oct 08:00 AEST is Sun 3 Oct 09:30 AEDT (2 Oct 22:30Z)",
                        "2027-10-01T22:00:00Z", 1, AT_0930, "2027-10-02T22:30:00Z"),
                days("Australia/Sydney", "2027-04-04 fall back", "at 09:30: 1d after Sat 3 Apr 08:00 AEDT is Sun 4 Apr 09:30 AEST (3 Apr 23:30Z)",
                        "2027-04-02T21:00:00Z", 1, AT_0930, "2027-04-03T23:30:00Z"),
                days("Australia/Sydney", "2027-10-03 spring forward", "at 02:30, a time the clock skips: 1d after Sat 2 Oct 01:00 AEST is Sun 3 Oct 03:30 AEDT (2 Oct 16:30Z)",
                        "2027-10-01T15:00:00Z", 1, AT_0230, "2027-10-02T16:30:00Z"),
                days("Australia/Sydney", "2027-04-04 fall back", "at 02:30, a time that happens twice: 1d after Sat 3 Apr 00:15 AEDT is the first, Sun 4 Apr 02:30 AEDT (3 Apr 15:30Z)",
                        "2027-04-02T13:15:00Z", 1, AT_0230, "2027-04-03T15:30:00Z"),
                days("Australia/Sydney", "2027-04-30 month end", "at 09:30: 1d after Fri 30 Apr 09:45 AEST has passed 09:30, so Sun 2 May 09:30 AEST (1 May 23:30Z)",
                        "2027-04-29T23:45:00Z", 1, AT_0930, "2027-05-01T23:30:00Z"),
                days("Australia/Sydney", "2027-12-31 year end", "at 09:30: 1d after Fri 31 Dec 2027 10:00 AEDT has passed 09:30, so Sun 2 Jan 2028 09:30 AEDT (1 Jan 22:30Z)",
                        "2027-12-30T23:00:00Z", 1, AT_0930, "2028-01-01T22:30:00Z"),
                days("Australia/Sydney", "2028-02-29 leap day", "at 09:30: 1d after Mon 28 Feb 20:00 AEDT is the evening of 29 Feb, so Wed 1 Mar 09:30 AEDT (29 Feb 22:30Z)",
                        "2028-02-28T09:00:00Z", 1, AT_0930, "2028-02-29T22:30:00Z"),
                days("Australia/Sydney", "2027-10-03 spring forward", "business days: 1d after Fri 1 Oct 10:00 AEST is a Saturday, so Mon 4 Oct 00:00 AEDT (3 Oct 13:00Z)",
                        "2027-10-01T00:00:00Z", 1, BUSINESS_DAYS, "2027-10-03T13:00:00Z"),
                days("Australia/Sydney", "2027-04-04 fall back", "business days: 1d after Fri 2 Apr 10:00 AEDT is a Saturday, so Mon 5 Apr 00:00 AEST (4 Apr 14:00Z)",
                        "2027-04-01T23:00:00Z", 1, BUSINESS_DAYS, "2027-04-04T14:00:00Z"),
                days("Australia/Sydney", "2027-10-03 spring forward", "weekdays at 09:30: 1d after Fri 1 Oct 10:00 AEST is a Saturday, so Mon 4 Oct 09:30 AEDT (3 Oct 22:30Z)",
                        "2027-10-01T00:00:00Z", 1, WEEKDAYS_AT_0930, "2027-10-03T22:30:00Z"),
                days("Australia/Sydney", "2027-04-30 month end", "business days: 1d after Fri 30 Apr 10:00 AEST is Sat 1 May, so Mon 3 May 00:00 AEST (2 May 14:00Z)",
                        "2027-04-30T00:00:00Z", 1, BUSINESS_DAYS, "2027-05-02T14:00:00Z"),
                days("Australia/Sydney", "2027-12-31 year end", "business days: 1d after Fri 31 Dec 2027 10:00 AEDT is Sat 1 Jan, so Mon 3 Jan 2028 00:00 AEDT (2 Jan 13:00Z)",
                        "2027-12-30T23:00:00Z", 1, BUSINESS_DAYS, "2028-01-02T13:00:00Z"),
                days("Australia/Sydney", "2028-02-29 leap day", "business days: 1d after Mon 28 Feb 23:30 AEDT is Tue 29 Feb, a business day: Tue 29 Feb 23:30 AEDT (12:30Z)",
                        "2028-02-28T12:30:00Z", 1, BUSINESS_DAYS, "2028-02-29T12:30:00Z"),
                // Asia/Kolkata
                days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "1d after Sat 27 Mar 10:00 IST is Sun 28 Mar 10:00 IST (04:30Z)",
                        "2027-03-27T04:30:00Z", 1, ANY_TIME, "2027-03-28T04:30:00Z"),
                days("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "1d after Sat 30 Oct 10:00 IST is Sun 31 Oct 10:00 IST (04:30Z)",
                        "2027-10-30T04:30:00Z", 1, ANY_TIME, "2027-10-31T04:30:00Z"),
                days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "7d after Wed 24 Mar 10:00 IST is Wed 31 Mar 10:00 IST (04:30Z)",
                        "2027-03-24T04:30:00Z", 7, ANY_TIME, "2027-03-31T04:30:00Z"),
                days("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "7d after Wed 27 Oct 10:00 IST is Wed 3 Nov 10:00 IST (04:30Z)",
                        "2027-10-27T04:30:00Z", 7, ANY_TIME, "2027-11-03T04:30:00Z"),
                days("Asia/Kolkata", "2027-01-31 month end", "1d after Sun 31 Jan 10:00 IST is Mon 1 Feb 10:00 IST (04:30Z)",
                        "2027-01-31T04:30:00Z", 1, ANY_TIME, "2027-02-01T04:30:00Z"),
                days("Asia/Kolkata", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 IST is Tue 2 Mar 10:00 IST (04:30Z): February has 28 days",
                        "2027-01-31T04:30:00Z", 30, ANY_TIME, "2027-03-02T04:30:00Z"),
                days("Asia/Kolkata", "2027-04-30 month end", "1d after Fri 30 Apr 10:00 IST is Sat 1 May 10:00 IST (04:30Z)",
                        "2027-04-30T04:30:00Z", 1, ANY_TIME, "2027-05-01T04:30:00Z"),
                days("Asia/Kolkata", "2027-12-31 year end", "2d after Fri 31 Dec 2027 10:00 IST is Sun 2 Jan 2028 10:00 IST (04:30Z)",
                        "2027-12-31T04:30:00Z", 2, ANY_TIME, "2028-01-02T04:30:00Z"),
                days("Asia/Kolkata", "2028-02-29 leap day", "1d after Mon 28 Feb 10:00 IST is Tue 29 Feb 10:00 IST (04:30Z)",
                        "2028-02-28T04:30:00Z", 1, ANY_TIME, "2028-02-29T04:30:00Z"),
                days("Asia/Kolkata", "2028-02-29 leap day", "2d after Mon 28 Feb 10:00 IST is Wed 1 Mar 10:00 IST (04:30Z)",
                        "2028-02-28T04:30:00Z", 2, ANY_TIME, "2028-03-01T04:30:00Z"),
                days("Asia/Kolkata", "2028-02-29 leap day", "365d after Mon 1 Mar 2027 10:00 IST is Tue 29 Feb 2028 10:00 IST (04:30Z), a year with both clock changes",
                        "2027-03-01T04:30:00Z", 365, ANY_TIME, "2028-02-29T04:30:00Z"),
                days("Asia/Kolkata", "2028-02-29 leap day", "30d after Mon 31 Jan 10:00 IST is Wed 1 Mar 10:00 IST (04:30Z): February has 29 days",
                        "2028-01-31T04:30:00Z", 30, ANY_TIME, "2028-03-01T04:30:00Z"),
                days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "business hours: 2d after Fri 26 Mar 16:00 IST is a Sunday, so Mon 29 Mar 09:00 IST (03:30Z)",
                        "2027-03-26T10:30:00Z", 2, BUSINESS_HOURS, "2027-03-29T03:30:00Z"),
                days("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "business hours: 2d after Fri 29 Oct 16:00 IST is a Sunday, so Mon 1 Nov 09:00 IST (03:30Z)",
                        "2027-10-29T10:30:00Z", 2, BUSINESS_HOURS, "2027-11-01T03:30:00Z"),
                days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "business hours: 1d after Sat 27 Mar 02:30 IST is a Sunday, so Mon 29 Mar 09:00 IST (03:30Z)",
                        "2027-03-26T21:00:00Z", 1, BUSINESS_HOURS, "2027-03-29T03:30:00Z"),
                days("Asia/Kolkata", "2027-01-31 month end", "business hours: 1d after Sun 31 Jan 18:00 IST is after closing on Mon 1 Feb, so Tue 2 Feb 09:00 IST (03:30Z)",
                        "2027-01-31T12:30:00Z", 1, BUSINESS_HOURS, "2027-02-02T03:30:00Z"),
                days("Asia/Kolkata", "2027-04-30 month end", "business hours: 1d after Fri 30 Apr 10:00 IST is Sat 1 May, so Mon 3 May 09:00 IST (03:30Z)",
                        "2027-04-30T04:30:00Z", 1, BUSINESS_HOURS, "2027-05-03T03:30:00Z"),
                days("Asia/Kolkata", "2027-12-31 year end", "business hours: 1d after Fri 31 Dec 2027 12:00 IST is Sat 1 Jan, so Mon 3 Jan 2028 09:00 IST (03:30Z)",
                        "2027-12-31T06:30:00Z", 1, BUSINESS_HOURS, "2028-01-03T03:30:00Z"),
                days("Asia/Kolkata", "2028-02-29 leap day", "business hours: 1d after Mon 28 Feb 08:00 IST is before opening, so Tue 29 Feb 09:00 IST (03:30Z)",
                        "2028-02-28T02:30:00Z", 1, BUSINESS_HOURS, "2028-02-29T03:30:00Z"),
                days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "at 09:30: 1d after Sat 27 Mar 08:00 IST is Sun 28 Mar 09:30 IST (04:00Z)",
                        "2027-03-27T02:30:00Z", 1, AT_0930, "2027-03-28T04:00:00Z"),
                days("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "at 09:30: 1d after Sat 30 Oct 08:00 IST is Sun 31 Oct 09:30 IST (04:00Z)",
                        "2027-10-30T02:30:00Z", 1, AT_0930, "2027-10-31T04:00:00Z"),
                days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "at 02:30: 1d after Sat 27 Mar 01:00 IST is Sun 28 Mar 02:30 IST (27 Mar 21:00Z)",
                        "2027-03-26T19:30:00Z", 1, AT_0230, "2027-03-27T21:00:00Z"),
                days("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "at 02:30: 1d after Sat 30 Oct 00:15 IST is Sun 31 Oct 02:30 IST (30 Oct 21:00Z)",
                        "2027-10-29T18:45:00Z", 1, AT_0230, "2027-10-30T21:00:00Z"),
                days("Asia/Kolkata", "2027-04-30 month end", "at 09:30: 1d after Fri 30 Apr 09:45 IST has passed 09:30, so Sun 2 May 09:30 IST (04:00Z)",
                        "2027-04-30T04:15:00Z", 1, AT_0930, "2027-05-02T04:00:00Z"),
                days("Asia/Kolkata", "2027-12-31 year end", "at 09:30: 1d after Fri 31 Dec 2027 10:00 IST has passed 09:30, so Sun 2 Jan 2028 09:30 IST (04:00Z)",
                        "2027-12-31T04:30:00Z", 1, AT_0930, "2028-01-02T04:00:00Z"),
                days("Asia/Kolkata", "2028-02-29 leap day", "at 09:30: 1d after Mon 28 Feb 20:00 IST is the evening of 29 Feb, so Wed 1 Mar 09:30 IST (04:00Z)",
                        "2028-02-28T14:30:00Z", 1, AT_0930, "2028-03-01T04:00:00Z"),
                days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "business days: 1d after Fri 26 Mar 10:00 IST is a Saturday, so Mon 29 Mar 00:00 IST (28 Mar 18:30Z)",
                        "2027-03-26T04:30:00Z", 1, BUSINESS_DAYS, "2027-03-28T18:30:00Z"),
                days("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "business days: 1d after Fri 29 Oct 10:00 IST is a Saturday, so Mon 1 Nov 00:00 IST (31 Oct 18:30Z)",
                        "2027-10-29T04:30:00Z", 1, BUSINESS_DAYS, "2027-10-31T18:30:00Z"),
                days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "weekdays at 09:30: 1d after Fri 26 Mar 10:00 IST is a Saturday, so Mon 29 Mar 09:30 IST (04:00Z)",
                        "2027-03-26T04:30:00Z", 1, WEEKDAYS_AT_0930, "2027-03-29T04:00:00Z"),
                days("Asia/Kolkata", "2027-04-30 month end", "business days: 1d after Fri 30 Apr 10:00 IST is Sat 1 May, so Mon 3 May 00:00 IST (2 May 18:30Z)",
                        "2027-04-30T04:30:00Z", 1, BUSINESS_DAYS, "2027-05-02T18:30:00Z"),
                days("Asia/Kolkata", "2027-12-31 year end", "business days: 1d after Fri 31 Dec 2027 10:00 IST is Sat 1 Jan, so Mon 3 Jan 2028 00:00 IST (2 Jan 18:30Z)",
                        "2027-12-31T04:30:00Z", 1, BUSINESS_DAYS, "2028-01-02T18:30:00Z"),
                days("Asia/Kolkata", "2028-02-29 leap day", "business days: 1d after Mon 28 Feb 23:30 IST is Tue 29 Feb, a business day: Tue 29 Feb 23:30 IST (18:00Z)",
                        "2028-02-28T18:00:00Z", 1, BUSINESS_DAYS, "2028-02-29T18:00:00Z"),
                // UTC
                days("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "1d after Sat 13 Mar 10:00 UTC is Sun 14 Mar 10:00 UTC (10:00Z)",
                        "2027-03-13T10:00:00Z", 1, ANY_TIME, "2027-03-14T10:00:00Z"),
                days("UTC", "2027-11-07 (US falls back, UTC has no DST)", "1d after Sat 6 Nov 10:00 UTC is Sun 7 Nov 10:00 UTC (10:00Z)",
                        "2027-11-06T10:00:00Z", 1, ANY_TIME, "2027-11-07T10:00:00Z"),
                days("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "7d after Wed 10 Mar 10:00 UTC is Wed 17 Mar 10:00 UTC (10:00Z)",
                        "2027-03-10T10:00:00Z", 7, ANY_TIME, "2027-03-17T10:00:00Z"),
                days("UTC", "2027-11-07 (US falls back, UTC has no DST)", "7d after Wed 3 Nov 10:00 UTC is Wed 10 Nov 10:00 UTC (10:00Z)",
                        "2027-11-03T10:00:00Z", 7, ANY_TIME, "2027-11-10T10:00:00Z"),
                days("UTC", "2027-01-31 month end", "1d after Sun 31 Jan 10:00 UTC is Mon 1 Feb 10:00 UTC (10:00Z)",
                        "2027-01-31T10:00:00Z", 1, ANY_TIME, "2027-02-01T10:00:00Z"),
                days("UTC", "2027-01-31 month end", "30d after Sun 31 Jan 10:00 UTC is Tue 2 Mar 10:00 UTC (10:00Z): February has 28 days",
                        "2027-01-31T10:00:00Z", 30, ANY_TIME, "2027-03-02T10:00:00Z"),
                days("UTC", "2027-04-30 month end", "1d after Fri 30 Apr 10:00 UTC is Sat 1 May 10:00 UTC (10:00Z)",
                        "2027-04-30T10:00:00Z", 1, ANY_TIME, "2027-05-01T10:00:00Z"),
                days("UTC", "2027-12-31 year end", "2d after Fri 31 Dec 2027 10:00 UTC is Sun 2 Jan 2028 10:00 UTC (10:00Z)",
                        "2027-12-31T10:00:00Z", 2, ANY_TIME, "2028-01-02T10:00:00Z"),
                days("UTC", "2028-02-29 leap day", "1d after Mon 28 Feb 10:00 UTC is Tue 29 Feb 10:00 UTC (10:00Z)",
                        "2028-02-28T10:00:00Z", 1, ANY_TIME, "2028-02-29T10:00:00Z"),
                days("UTC", "2028-02-29 leap day", "2d after Mon 28 Feb 10:00 UTC is Wed 1 Mar 10:00 UTC (10:00Z)",
                        "2028-02-28T10:00:00Z", 2, ANY_TIME, "2028-03-01T10:00:00Z"),
                days("UTC", "2028-02-29 leap day", "365d after Mon 1 Mar 2027 10:00 UTC is Tue 29 Feb 2028 10:00 UTC (10:00Z), a year with both clock changes",
                        "2027-03-01T10:00:00Z", 365, ANY_TIME, "2028-02-29T10:00:00Z"),
                days("UTC", "2028-02-29 leap day", "30d after Mon 31 Jan 10:00 UTC is Wed 1 Mar 10:00 UTC (10:00Z): February has 29 days",
                        "2028-01-31T10:00:00Z", 30, ANY_TIME, "2028-03-01T10:00:00Z"),
                days("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "business hours: 2d after Fri 12 Mar 16:00 UTC is a Sunday, so Mon 15 Mar 09:00 UTC (09:00Z)",
                        "2027-03-12T16:00:00Z", 2, BUSINESS_HOURS, "2027-03-15T09:00:00Z"),
                days("UTC", "2027-11-07 (US falls back, UTC has no DST)", "business hours: 2d after Fri 5 Nov 16:00 UTC is a Sunday, so Mon 8 Nov 09:00 UTC (09:00Z)",
                        "2027-11-05T16:00:00Z", 2, BUSINESS_HOURS, "2027-11-08T09:00:00Z"),
                days("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "business hours: 1d after Sat 13 Mar 02:30 UTC is a Sunday, so Mon 15 Mar 09:00 UTC (09:00Z)",
                        "2027-03-13T02:30:00Z", 1, BUSINESS_HOURS, "2027-03-15T09:00:00Z"),
                days("UTC", "2027-01-31 month end", "business hours: 1d after Sun 31 Jan 18:00 UTC is after closing on Mon 1 Feb, so Tue 2 Feb 09:00 UTC (09:00Z)",
                        "2027-01-31T18:00:00Z", 1, BUSINESS_HOURS, "2027-02-02T09:00:00Z"),
                days("UTC", "2027-04-30 month end", "business hours: 1d after Fri 30 Apr 10:00 UTC is Sat 1 May, so Mon 3 May 09:00 UTC (09:00Z)",
                        "2027-04-30T10:00:00Z", 1, BUSINESS_HOURS, "2027-05-03T09:00:00Z"),
                days("UTC", "2027-12-31 year end", "business hours: 1d after Fri 31 Dec 2027 12:00 UTC is Sat 1 Jan, so Mon 3 Jan 2028 09:00 UTC (09:00Z)",
                        "2027-12-31T12:00:00Z", 1, BUSINESS_HOURS, "2028-01-03T09:00:00Z"),
                days("UTC", "2028-02-29 leap day", "business hours: 1d after Mon 28 Feb 08:00 UTC is before opening, so Tue 29 Feb 09:00 UTC (09:00Z)",
                        "2028-02-28T08:00:00Z", 1, BUSINESS_HOURS, "2028-02-29T09:00:00Z"),
                days("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "at 09:30: 1d after Sat 13 Mar 08:00 UTC is Sun 14 Mar 09:30 UTC (09:30Z)",
                        "2027-03-13T08:00:00Z", 1, AT_0930, "2027-03-14T09:30:00Z"),
                days("UTC", "2027-11-07 (US falls back, UTC has no DST)", "at 09:30: 1d after Sat 6 Nov 08:00 UTC is Sun 7 Nov 09:30 UTC (09:30Z)",
                        "2027-11-06T08:00:00Z", 1, AT_0930, "2027-11-07T09:30:00Z"),
                days("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "at 02:30: 1d after Sat 13 Mar 01:00 UTC is Sun 14 Mar 02:30 UTC (02:30Z)",
                        "2027-03-13T01:00:00Z", 1, AT_0230, "2027-03-14T02:30:00Z"),
                days("UTC", "2027-11-07 (US falls back, UTC has no DST)", "at 01:30: 1d after Sat 6 Nov 00:15 UTC is Sun 7 Nov 01:30 UTC (01:30Z)",
                        "2027-11-06T00:15:00Z", 1, AT_0130, "2027-11-07T01:30:00Z"),
                days("UTC", "2027-04-30 month end", "at 09:30: 1d after Fri 30 Apr 09:45 UTC has passed 09:30, so Sun 2 May 09:30 UTC (09:30Z)",
                        "2027-04-30T09:45:00Z", 1, AT_0930, "2027-05-02T09:30:00Z"),
                days("UTC", "2027-12-31 year end", "at 09:30: 1d after Fri 31 Dec 2027 10:00 UTC has passed 09:30, so Sun 2 Jan 2028 09:30 UTC (09:30Z)",
                        "2027-12-31T10:00:00Z", 1, AT_0930, "2028-01-02T09:30:00Z"),
                days("UTC", "2028-02-29 leap day", "at 09:30: 1d after Mon 28 Feb 20:00 UTC is the evening of 29 Feb, so Wed 1 Mar 09:30 UTC (09:30Z)",
                        "2028-02-28T20:00:00Z", 1, AT_0930, "2028-03-01T09:30:00Z"),
                days("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "business days: 1d after Fri 12 Mar 10:00 UTC is a Saturday, so Mon 15 Mar 00:00 UTC (00:00Z)",
                        "2027-03-12T10:00:00Z", 1, BUSINESS_DAYS, "2027-03-15T00:00:00Z"),
                days("UTC", "2027-11-07 (US falls back, UTC has no DST)", "business days: 1d after Fri 5 Nov 10:00 UTC is a Saturday, so Mon 8 Nov 00:00 UTC (00:00Z)",
                        "2027-11-05T10:00:00Z", 1, BUSINESS_DAYS, "2027-11-08T00:00:00Z"),
                days("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "weekdays at 09:30: 1d after Fri 12 Mar 10:00 UTC is a Saturday, so Mon 15 Mar 09:30 UTC (09:30Z)",
                        "2027-03-12T10:00:00Z", 1, WEEKDAYS_AT_0930, "2027-03-15T09:30:00Z"),
                days("UTC", "2027-04-30 month end", "business days: 1d after Fri 30 Apr 10:00 UTC is Sat 1 May, so Mon 3 May 00:00 UTC (00:00Z)",
                        "2027-04-30T10:00:00Z", 1, BUSINESS_DAYS, "2027-05-03T00:00:00Z"),
                days("UTC", "2027-12-31 year end", "business days: 1d after Fri 31 Dec 2027 10:00 UTC is Sat 1 Jan, so Mon 3 Jan 2028 00:00 UTC (00:00Z)",
                        "2027-12-31T10:00:00Z", 1, BUSINESS_DAYS, "2028-01-03T00:00:00Z"),
                days("UTC", "2028-02-29 leap day", "business days: 1d after Mon 28 Feb 23:30 UTC is Tue 29 Feb, a business day: Tue 29 Feb 23:30 UTC (23:30Z)",
                        "2028-02-28T23:30:00Z", 1, BUSINESS_DAYS, "2028-02-29T23:30:00Z")
        );
    }

    private static Arguments days(String zone, String when, String story, String startedAt, int days, SendWindow window, String due) {
        return Arguments.of(zone, when, story, startedAt, days, window, due);
    }

    // A delay in hours is elapsed time: across a change it lands on another local hour than the same delay in days.

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource
    void twentyFourHoursAreElapsedTimeWhereOneDayKeepsTheClock(String zone, String when, String story,
                                                                String startedAt, String after24h, String after1d) {
        StepTimes times = timesFor(zone);
        Instant start = Instant.parse(startedAt);

        assertThat(times.due(task(Span.ofTime(Duration.ofHours(24)), ANY_TIME), start)).isEqualTo(after24h);
        assertThat(times.due(task(Span.ofDays(1), ANY_TIME), start)).isEqualTo(after1d);
    }

    static Stream<Arguments> twentyFourHoursAreElapsedTimeWhereOneDayKeepsTheClock() {
        return Stream.of(
                // America/New_York
                hoursAndDays("America/New_York", "2027-03-14 spring forward", "24h after Sat 13 Mar 10:00 EST is Sun 14 Mar 11:00 EDT (15:00Z), 1d is Sun 14 Mar 10:00 EDT (14:00Z)",
                        "2027-03-13T15:00:00Z", "2027-03-14T15:00:00Z", "2027-03-14T14:00:00Z"),
                hoursAndDays("America/New_York", "2027-11-07 fall back", "24h after Sat 6 Nov 10:00 EDT is Sun 7 Nov 09:00 EST (14:00Z), 1d is Sun 7 Nov 10:00 EST (15:00Z)",
                        "2027-11-06T14:00:00Z", "2027-11-07T14:00:00Z", "2027-11-07T15:00:00Z"),
                // Europe/Berlin
                hoursAndDays("Europe/Berlin", "2027-03-28 spring forward", "24h after Sat 27 Mar 10:00 CET is Sun 28 Mar 11:00 CEST (09:00Z), 1d is Sun 28 Mar 10:00 CEST (08:00Z)",
                        "2027-03-27T09:00:00Z", "2027-03-28T09:00:00Z", "2027-03-28T08:00:00Z"),
                hoursAndDays("Europe/Berlin", "2027-10-31 fall back", "24h after Sat 30 Oct 10:00 CEST is Sun 31 Oct 09:00 CET (08:00Z), 1d is Sun 31 Oct 10:00 CET (09:00Z)",
                        "2027-10-30T08:00:00Z", "2027-10-31T08:00:00Z", "2027-10-31T09:00:00Z"),
                // Australia/Sydney
                hoursAndDays("Australia/Sydney", "2027-10-03 spring forward", "24h after Sat 2 Oct 10:00 AEST is Sun 3 Oct 11:00 AEDT (00:00Z), 1d is Sun 3 Oct 10:00 AEDT (2 Oct 23:00Z)",
                        "2027-10-02T00:00:00Z", "2027-10-03T00:00:00Z", "2027-10-02T23:00:00Z"),
                hoursAndDays("Australia/Sydney", "2027-04-04 fall back", "24h after Sat 3 Apr 10:00 AEDT is Sun 4 Apr 09:00 AEST (3 Apr 23:00Z), 1d is Sun 4 Apr 10:00 AEST (00:00Z)",
                        "2027-04-02T23:00:00Z", "2027-04-03T23:00:00Z", "2027-04-04T00:00:00Z"),
                // Asia/Kolkata
                hoursAndDays("Asia/Kolkata", "2027-03-14 (US springs forward)", "24h and 1d after Sat 13 Mar 10:00 IST are both Sun 14 Mar 10:00 IST (04:30Z)",
                        "2027-03-13T04:30:00Z", "2027-03-14T04:30:00Z", "2027-03-14T04:30:00Z"),
                hoursAndDays("Asia/Kolkata", "2027-11-07 (US falls back)", "24h and 1d after Sat 6 Nov 10:00 IST are both Sun 7 Nov 10:00 IST (04:30Z)",
                        "2027-11-06T04:30:00Z", "2027-11-07T04:30:00Z", "2027-11-07T04:30:00Z"),
                hoursAndDays("Asia/Kolkata", "2027-03-28 (Europe springs forward)", "24h and 1d after Sat 27 Mar 10:00 IST are both Sun 28 Mar 10:00 IST (04:30Z)",
                        "2027-03-27T04:30:00Z", "2027-03-28T04:30:00Z", "2027-03-28T04:30:00Z"),
                hoursAndDays("Asia/Kolkata", "2027-10-31 (Europe falls back)", "24h and 1d after Sat 30 Oct 10:00 IST are both Sun 31 Oct 10:00 IST (04:30Z)",
                        "2027-10-30T04:30:00Z", "2027-10-31T04:30:00Z", "2027-10-31T04:30:00Z"),
                hoursAndDays("Asia/Kolkata", "2027-10-03 (Sydney springs forward)", "24h and 1d after Sat 2 Oct 10:00 IST are both Sun 3 Oct 10:00 IST (04:30Z)",
                        "2027-10-02T04:30:00Z", "2027-10-03T04:30:00Z", "2027-10-03T04:30:00Z"),
                hoursAndDays("Asia/Kolkata", "2027-04-04 (Sydney falls back)", "24h and 1d after Sat 3 Apr 10:00 IST are both Sun 4 Apr 10:00 IST (04:30Z)",
                        "2027-04-03T04:30:00Z", "2027-04-04T04:30:00Z", "2027-04-04T04:30:00Z"),
                // UTC
                hoursAndDays("UTC", "2027-03-14 (US springs forward)", "24h and 1d after Sat 13 Mar 10:00 UTC are both Sun 14 Mar 10:00 UTC (10:00Z)",
                        "2027-03-13T10:00:00Z", "2027-03-14T10:00:00Z", "2027-03-14T10:00:00Z"),
                hoursAndDays("UTC", "2027-11-07 (US falls back)", "24h and 1d after Sat 6 Nov 10:00 UTC are both Sun 7 Nov 10:00 UTC (10:00Z)",
                        "2027-11-06T10:00:00Z", "2027-11-07T10:00:00Z", "2027-11-07T10:00:00Z"),
                hoursAndDays("UTC", "2027-03-28 (Europe springs forward)", "24h and 1d after Sat 27 Mar 10:00 UTC are both Sun 28 Mar 10:00 UTC (10:00Z)",
                        "2027-03-27T10:00:00Z", "2027-03-28T10:00:00Z", "2027-03-28T10:00:00Z"),
                hoursAndDays("UTC", "2027-10-31 (Europe falls back)", "24h and 1d after Sat 30 Oct 10:00 UTC are both Sun 31 Oct 10:00 UTC (10:00Z)",
                        "2027-10-30T10:00:00Z", "2027-10-31T10:00:00Z", "2027-10-31T10:00:00Z"),
                hoursAndDays("UTC", "2027-10-03 (Sydney springs forward)", "24h and 1d after Sat 2 Oct 10:00 UTC are both Sun 3 Oct 10:00 UTC (10:00Z)",
                        "2027-10-02T10:00:00Z", "2027-10-03T10:00:00Z", "2027-10-03T10:00:00Z"),
                hoursAndDays("UTC", "2027-04-04 (Sydney falls back)", "24h and 1d after Sat 3 Apr 10:00 UTC are both Sun 4 Apr 10:00 UTC (10:00Z)",
                        "2027-04-03T10:00:00Z", "2027-04-04T10:00:00Z", "2027-04-04T10:00:00Z")
        );
    }

    private static Arguments hoursAndDays(String zone, String when, String story, String startedAt, String after24h, String after1d) {
        return Arguments.of(zone, when, story, startedAt, after24h, after1d);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource
    void aDelayInHoursCountsTheHourTheClockSkipsOrRepeats(String zone, String when, String story,
                                                          String startedAt, int hours, SendWindow window, String due) {
        assertThat(timesFor(zone).due(task(Span.ofTime(Duration.ofHours(hours)), window), Instant.parse(startedAt))).isEqualTo(due);
    }

    static Stream<Arguments> aDelayInHoursCountsTheHourTheClockSkipsOrRepeats() {
        return Stream.of(
                // America/New_York
                hours("America/New_York", "2027-03-14 spring forward", "4h after Sun 14 Mar 00:30 EST is Sun 14 Mar 05:30 EDT (09:30Z): the skipped hour does not count",
                        "2027-03-14T05:30:00Z", 4, ANY_TIME, "2027-03-14T09:30:00Z"),
                hours("America/New_York", "2027-11-07 fall back", "4h after Sun 7 Nov 00:30 EDT is Sun 7 Nov 03:30 EST (08:30Z): the repeated hour counts",
                        "2027-11-07T04:30:00Z", 4, ANY_TIME, "2027-11-07T08:30:00Z"),
                hours("America/New_York", "2027-03-14 spring forward", "business hours, 72h after Fri 12 Mar 08:30 EST is Mon 15 Mar 09:30 EDT (13:30Z), already open",
                        "2027-03-12T13:30:00Z", 72, BUSINESS_HOURS, "2027-03-15T13:30:00Z"),
                hours("America/New_York", "2027-03-14 spring forward", "at 09:30, 24h after Sat 13 Mar 09:00 EST is Mon 15 Mar 09:30 EDT (13:30Z)",
                        "2027-03-13T14:00:00Z", 24, AT_0930, "2027-03-15T13:30:00Z"),
                // Europe/Berlin
                hours("Europe/Berlin", "2027-03-28 spring forward", "4h after Sun 28 Mar 00:30 CET is Sun 28 Mar 05:30 CEST (03:30Z): the skipped hour does not count",
                        "2027-03-27T23:30:00Z", 4, ANY_TIME, "2027-03-28T03:30:00Z"),
                hours("Europe/Berlin", "2027-10-31 fall back", "4h after Sun 31 Oct 00:30 CEST is Sun 31 Oct 03:30 CET (02:30Z): the repeated hour counts",
                        "2027-10-30T22:30:00Z", 4, ANY_TIME, "2027-10-31T02:30:00Z"),
                hours("Europe/Berlin", "2027-03-28 spring forward", "business hours, 72h after Fri 26 Mar 08:30 CET is Mon 29 Mar 09:30 CEST (07:30Z), already open",
                        "2027-03-26T07:30:00Z", 72, BUSINESS_HOURS, "2027-03-29T07:30:00Z"),
                hours("Europe/Berlin", "2027-03-28 spring forward", "at 09:30, 24h after Sat 27 Mar 09:00 CET is Mon 29 Mar 09:30 CEST (07:30Z)",
                        "2027-03-27T08:00:00Z", 24, AT_0930, "2027-03-29T07:30:00Z"),
                // Australia/Sydney
                hours("Australia/Sydney", "2027-10-03 spring forward", "4h after Sun 3 Oct 00:30 AEST is Sun 3 Oct 05:30 AEDT (2 Oct 18:30Z): the skipped hour does not count",
                        "2027-10-02T14:30:00Z", 4, ANY_TIME, "2027-10-02T18:30:00Z"),
                hours("Australia/Sydney", "2027-04-04 fall back", "4h after Sun 4 Apr 00:30 AEDT is Sun 4 Apr 03:30 AEST (3 Apr 17:30Z): the repeated hour counts",
                        "2027-04-03T13:30:00Z", 4, ANY_TIME, "2027-04-03T17:30:00Z"),
                hours("Australia/Sydney", "2027-10-03 spring forward", "business hours, 72h after Fri 1 Oct 08:30 AEST is Mon 4 Oct 09:30 AEDT (3 Oct 22:30Z), already open",
                        "2027-09-30T22:30:00Z", 72, BUSINESS_HOURS, "2027-10-03T22:30:00Z"),
                hours("Australia/Sydney", "2027-10-03 spring forward", "at 09:30, 24h after Sat 2 Oct 09:00 AEST is Mon 4 Oct 09:30 AEDT (3 Oct 22:30Z)",
                        "2027-10-01T23:00:00Z", 24, AT_0930, "2027-10-03T22:30:00Z"),
                // Asia/Kolkata
                hours("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "4h after Sun 28 Mar 00:30 IST is Sun 28 Mar 04:30 IST (27 Mar 23:00Z)",
                        "2027-03-27T19:00:00Z", 4, ANY_TIME, "2027-03-27T23:00:00Z"),
                hours("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "4h after Sun 31 Oct 00:30 IST is Sun 31 Oct 04:30 IST (30 Oct 23:00Z)",
                        "2027-10-30T19:00:00Z", 4, ANY_TIME, "2027-10-30T23:00:00Z"),
                hours("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "business hours, 72h after Fri 26 Mar 08:30 IST is Mon 29 Mar 09:00 IST (03:30Z)",
                        "2027-03-26T03:00:00Z", 72, BUSINESS_HOURS, "2027-03-29T03:30:00Z"),
                hours("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "at 09:30, 24h after Sat 27 Mar 09:00 IST is Sun 28 Mar 09:30 IST (04:00Z)",
                        "2027-03-27T03:30:00Z", 24, AT_0930, "2027-03-28T04:00:00Z"),
                // UTC
                hours("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "4h after Sun 14 Mar 00:30 UTC is Sun 14 Mar 04:30 UTC (04:30Z)",
                        "2027-03-14T00:30:00Z", 4, ANY_TIME, "2027-03-14T04:30:00Z"),
                hours("UTC", "2027-11-07 (US falls back, UTC has no DST)", "4h after Sun 7 Nov 00:30 UTC is Sun 7 Nov 04:30 UTC (04:30Z)",
                        "2027-11-07T00:30:00Z", 4, ANY_TIME, "2027-11-07T04:30:00Z"),
                hours("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "business hours, 72h after Fri 12 Mar 08:30 UTC is Mon 15 Mar 09:00 UTC (09:00Z)",
                        "2027-03-12T08:30:00Z", 72, BUSINESS_HOURS, "2027-03-15T09:00:00Z"),
                hours("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "at 09:30, 24h after Sat 13 Mar 09:00 UTC is Sun 14 Mar 09:30 UTC (09:30Z)",
                        "2027-03-13T09:00:00Z", 24, AT_0930, "2027-03-14T09:30:00Z")
        );
    }

    private static Arguments hours(String zone, String when, String story, String startedAt, int hours, SendWindow window, String due) {
        return Arguments.of(zone, when, story, startedAt, hours, window, due);
    }

    // An email counts its days where its reader lives; in each case the account's own zone would give another instant.

    @ParameterizedTest(name = "{0} {2}: {3}")
    @MethodSource
    void anEmailCountsDaysOnItsContactsCalendar(String contactZone, String accountZone, String when, String story,
                                                String startedAt, String due) {
        Contact champion = new Contact("a-1", "sam@acme.example", "Sam", ContactRole.CHAMPION, contactZone, true, false);
        StepTimes times = PLACEMENT.forAccount(accountIn(accountZone), List.of(champion));

        assertThat(times.due(emailToTheChampion(Span.ofDays(1)), Instant.parse(startedAt))).isEqualTo(due);
    }

    static Stream<Arguments> anEmailCountsDaysOnItsContactsCalendar() {
        return Stream.of(
                email("America/New_York", "Europe/Berlin", "2027-03-14 spring forward", "an email to a contact there, account in Europe/Berlin: 1d after Sat 13 Mar 10:00 EST is Sun 14 Mar 10:00 EDT (14:00Z)",
                        "2027-03-13T15:00:00Z", "2027-03-14T14:00:00Z"),
                email("Europe/Berlin", "America/New_York", "2027-03-28 spring forward", "an email to a contact there, account in America/New_York: 1d after Sat 27 Mar 10:00 CET is Sun 28 Mar 10:00 CEST (08:00Z)",
                        "2027-03-27T09:00:00Z", "2027-03-28T08:00:00Z"),
                email("Australia/Sydney", "Europe/Berlin", "2027-10-03 spring forward", "an email to a contact there, account in Europe/Berlin: 1d after Sat 2 Oct 10:00 AEST is Sun 3 Oct 10:00 AEDT (2 Oct 23:00Z)",
                        "2027-10-02T00:00:00Z", "2027-10-02T23:00:00Z"),
                email("Asia/Kolkata", "Europe/Berlin", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "an email to a contact there, account in Europe/Berlin: 1d after Sat 27 Mar 10:00 IST is Sun 28 Mar 10:00 IST (04:30Z)",
                        "2027-03-27T04:30:00Z", "2027-03-28T04:30:00Z"),
                email("UTC", "America/New_York", "2027-03-14 (US springs forward, UTC has no DST)", "an email to a contact there, account in America/New_York: 1d after Sat 13 Mar 10:00 UTC is Sun 14 Mar 10:00 UTC (10:00Z)",
                        "2027-03-13T10:00:00Z", "2027-03-14T10:00:00Z")
        );
    }

    private static Arguments email(String contactZone, String accountZone, String when, String story, String startedAt, String due) {
        return Arguments.of(contactZone, accountZone, when, story, startedAt, due);
    }

    // A zone that is missing or misspelt must not hold a step back: the next one in line counts instead.

    @ParameterizedTest(name = "{0} {3}: {4}")
    @MethodSource
    void withoutAUsableZoneTheNextOneInLineCounts(String zoneThatCounts, String accountZone, String contactZone,
                                                   String when, String story, String startedAt, String due) {
        Contact champion = new Contact("a-1", "sam@acme.example", "Sam", ContactRole.CHAMPION, contactZone, true, false);
        StepTimes times = PLACEMENT.forAccount(accountIn(accountZone), List.of(champion));

        assertThat(times.zone(emailToTheChampion(Span.ofDays(1)))).isEqualTo(ZoneId.of(zoneThatCounts));
        assertThat(times.due(emailToTheChampion(Span.ofDays(1)), Instant.parse(startedAt))).isEqualTo(due);
    }

    static Stream<Arguments> withoutAUsableZoneTheNextOneInLineCounts() {
        return Stream.of(
                Arguments.of("Australia/Sydney", "Australia/Sydney", null, "2027-04-04 fall back",
                        "a contact without a zone, the account's: 1d after Sat 3 Apr 10:00 AEDT is Sun 4 Apr 10:00 AEST (00:00Z)",
                        "2027-04-02T23:00:00Z", "2027-04-04T00:00:00Z"),
                Arguments.of("Europe/Berlin", "Europe/Berlin", "Europe/Berlinn", "2027-10-31 fall back",
                        "a contact whose zone is misspelt, the account's: 1d after Sat 30 Oct 10:00 CEST is Sun 31 Oct 10:00 CET (09:00Z)",
                        "2027-10-30T08:00:00Z", "2027-10-31T09:00:00Z"),
                Arguments.of("Pacific/Honolulu", null, null, "2027-03-14 (US springs forward, Honolulu has no DST)",
                        "neither has a zone, the installation's default: 1d after Sat 13 Mar 10:00 HST is Sun 14 Mar 10:00 HST (20:00Z)",
                        "2027-03-13T20:00:00Z", "2027-03-14T20:00:00Z")
        );
    }

    // A task is due its dueIn after it is created, days counted in the account's zone (as StepActions creates it).

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource
    void aTaskIsDueOnTheAccountsCalendar(String zone, String when, String story, String createdAt, String dueIn, String due) {
        ZoneId accountZone = RecipientTimeZone.ofAccount(accountIn(zone), DEFAULT_ZONE);

        assertThat(Span.parse(dueIn).after(Instant.parse(createdAt), accountZone)).isEqualTo(due);
    }

    static Stream<Arguments> aTaskIsDueOnTheAccountsCalendar() {
        return Stream.of(
                // America/New_York
                taskCreated("America/New_York", "2027-03-14 spring forward", "a task created Fri 12 Mar 17:00 EST due in 3d is due Mon 15 Mar 17:00 EDT (21:00Z)",
                        "2027-03-12T22:00:00Z", "3d", "2027-03-15T21:00:00Z"),
                taskCreated("America/New_York", "2027-11-07 fall back", "a task created Fri 5 Nov 17:00 EDT due in 3d is due Mon 8 Nov 17:00 EST (22:00Z)",
                        "2027-11-05T21:00:00Z", "3d", "2027-11-08T22:00:00Z"),
                taskCreated("America/New_York", "2027-03-14 spring forward", "a task created Sun 14 Mar 00:30 EST due in 4h is due Sun 14 Mar 05:30 EDT (09:30Z), the skipped hour not counted",
                        "2027-03-14T05:30:00Z", "4h", "2027-03-14T09:30:00Z"),
                taskCreated("America/New_York", "2027-01-31 month end", "a task created Sun 31 Jan 17:00 EST due in 1d is due Mon 1 Feb 17:00 EST (22:00Z)",
                        "2027-01-31T22:00:00Z", "1d", "2027-02-01T22:00:00Z"),
                taskCreated("America/New_York", "2027-04-30 month end", "a task created Fri 30 Apr 17:00 EDT due in 7d is due Fri 7 May 17:00 EDT (21:00Z)",
                        "2027-04-30T21:00:00Z", "7d", "2027-05-07T21:00:00Z"),
                taskCreated("America/New_York", "2027-12-31 year end", "a task created Thu 30 Dec 2027 17:00 EST due in 3d is due Sun 2 Jan 2028 17:00 EST (22:00Z)",
                        "2027-12-30T22:00:00Z", "3d", "2028-01-02T22:00:00Z"),
                taskCreated("America/New_York", "2028-02-29 leap day", "a task created Mon 28 Feb 17:00 EST due in 1d is due Tue 29 Feb 17:00 EST (22:00Z)",
                        "2028-02-28T22:00:00Z", "1d", "2028-02-29T22:00:00Z"),
                taskCreated("America/New_York", "2028-02-29 leap day", "a task created Sun 27 Feb 17:00 EST due in 3d is due Wed 1 Mar 17:00 EST (22:00Z)",
                        "2028-02-27T22:00:00Z", "3d", "2028-03-01T22:00:00Z"),
                // Europe/Berlin
                taskCreated("Europe/Berlin", "2027-03-28 spring forward", "a task created Fri 26 Mar 17:00 CET due in 3d is due Mon 29 Mar 17:00 CEST (15:00Z)",
                        "2027-03-26T16:00:00Z", "3d", "2027-03-29T15:00:00Z"),
                taskCreated("Europe/Berlin", "2027-10-31 fall back", "a task created Fri 29 Oct 17:00 CEST due in 3d is due Mon 1 Nov 17:00 CET (16:00Z)",
                        "2027-10-29T15:00:00Z", "3d", "2027-11-01T16:00:00Z"),
                taskCreated("Europe/Berlin", "2027-03-28 spring forward", "a task created Sun 28 Mar 00:30 CET due in 4h is due Sun 28 Mar 05:30 CEST (03:30Z), the skipped hour not counted",
                        "2027-03-27T23:30:00Z", "4h", "2027-03-28T03:30:00Z"),
                taskCreated("Europe/Berlin", "2027-01-31 month end", "a task created Sun 31 Jan 17:00 CET due in 1d is due Mon 1 Feb 17:00 CET (16:00Z)",
                        "2027-01-31T16:00:00Z", "1d", "2027-02-01T16:00:00Z"),
                taskCreated("Europe/Berlin", "2027-04-30 month end", "a task created Fri 30 Apr 17:00 CEST due in 7d is due Fri 7 May 17:00 CEST (15:00Z)",
                        "2027-04-30T15:00:00Z", "7d", "2027-05-07T15:00:00Z"),
                taskCreated("Europe/Berlin", "2027-12-31 year end", "a task created Thu 30 Dec 2027 17:00 CET due in 3d is due Sun 2 Jan 2028 17:00 CET (16:00Z)",
                        "2027-12-30T16:00:00Z", "3d", "2028-01-02T16:00:00Z"),
                taskCreated("Europe/Berlin", "2028-02-29 leap day", "a task created Mon 28 Feb 17:00 CET due in 1d is due Tue 29 Feb 17:00 CET (16:00Z)",
                        "2028-02-28T16:00:00Z", "1d", "2028-02-29T16:00:00Z"),
                taskCreated("Europe/Berlin", "2028-02-29 leap day", "a task created Sun 27 Feb 17:00 CET due in 3d is due Wed 1 Mar 17:00 CET (16:00Z)",
                        "2028-02-27T16:00:00Z", "3d", "2028-03-01T16:00:00Z"),
                // Australia/Sydney
                taskCreated("Australia/Sydney", "2027-10-03 spring forward", "a task created Fri 1 Oct 17:00 AEST due in 3d is due Mon 4 Oct 17:00 AEDT (06:00Z)",
                        "2027-10-01T07:00:00Z", "3d", "2027-10-04T06:00:00Z"),
                taskCreated("Australia/Sydney", "2027-04-04 fall back", "a task created Fri 2 Apr 17:00 AEDT due in 3d is due Mon 5 Apr 17:00 AEST (07:00Z)",
                        "2027-04-02T06:00:00Z", "3d", "2027-04-05T07:00:00Z"),
                taskCreated("Australia/Sydney", "2027-10-03 spring forward", "a task created Sun 3 Oct 00:30 AEST due in 4h is due Sun 3 Oct 05:30 AEDT (2 Oct 18:30Z), the skipped hour not counted",
                        "2027-10-02T14:30:00Z", "4h", "2027-10-02T18:30:00Z"),
                taskCreated("Australia/Sydney", "2027-01-31 month end", "a task created Sun 31 Jan 17:00 AEDT due in 1d is due Mon 1 Feb 17:00 AEDT (06:00Z)",
                        "2027-01-31T06:00:00Z", "1d", "2027-02-01T06:00:00Z"),
                taskCreated("Australia/Sydney", "2027-04-30 month end", "a task created Fri 30 Apr 17:00 AEST due in 7d is due Fri 7 May 17:00 AEST (07:00Z)",
                        "2027-04-30T07:00:00Z", "7d", "2027-05-07T07:00:00Z"),
                taskCreated("Australia/Sydney", "2027-12-31 year end", "a task created Thu 30 Dec 2027 17:00 AEDT due in 3d is due Sun 2 Jan 2028 17:00 AEDT (06:00Z)",
                        "2027-12-30T06:00:00Z", "3d", "2028-01-02T06:00:00Z"),
                taskCreated("Australia/Sydney", "2028-02-29 leap day", "a task created Mon 28 Feb 17:00 AEDT due in 1d is due Tue 29 Feb 17:00 AEDT (06:00Z)",
                        "2028-02-28T06:00:00Z", "1d", "2028-02-29T06:00:00Z"),
                taskCreated("Australia/Sydney", "2028-02-29 leap day", "a task created Sun 27 Feb 17:00 AEDT due in 3d is due Wed 1 Mar 17:00 AEDT (06:00Z)",
                        "2028-02-27T06:00:00Z", "3d", "2028-03-01T06:00:00Z"),
                // Asia/Kolkata
                taskCreated("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "a task created Fri 26 Mar 17:00 IST due in 3d is due Mon 29 Mar 17:00 IST (11:30Z)",
                        "2027-03-26T11:30:00Z", "3d", "2027-03-29T11:30:00Z"),
                taskCreated("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "a task created Fri 29 Oct 17:00 IST due in 3d is due Mon 1 Nov 17:00 IST (11:30Z)",
                        "2027-10-29T11:30:00Z", "3d", "2027-11-01T11:30:00Z"),
                taskCreated("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "a task created Sun 28 Mar 00:30 IST due in 4h is due Sun 28 Mar 04:30 IST (27 Mar 23:00Z)",
                        "2027-03-27T19:00:00Z", "4h", "2027-03-27T23:00:00Z"),
                taskCreated("Asia/Kolkata", "2027-01-31 month end", "a task created Sun 31 Jan 17:00 IST due in 1d is due Mon 1 Feb 17:00 IST (11:30Z)",
                        "2027-01-31T11:30:00Z", "1d", "2027-02-01T11:30:00Z"),
                taskCreated("Asia/Kolkata", "2027-04-30 month end", "a task created Fri 30 Apr 17:00 IST due in 7d is due Fri 7 May 17:00 IST (11:30Z)",
                        "2027-04-30T11:30:00Z", "7d", "2027-05-07T11:30:00Z"),
                taskCreated("Asia/Kolkata", "2027-12-31 year end", "a task created Thu 30 Dec 2027 17:00 IST due in 3d is due Sun 2 Jan 2028 17:00 IST (11:30Z)",
                        "2027-12-30T11:30:00Z", "3d", "2028-01-02T11:30:00Z"),
                taskCreated("Asia/Kolkata", "2028-02-29 leap day", "a task created Mon 28 Feb 17:00 IST due in 1d is due Tue 29 Feb 17:00 IST (11:30Z)",
                        "2028-02-28T11:30:00Z", "1d", "2028-02-29T11:30:00Z"),
                taskCreated("Asia/Kolkata", "2028-02-29 leap day", "a task created Sun 27 Feb 17:00 IST due in 3d is due Wed 1 Mar 17:00 IST (11:30Z)",
                        "2028-02-27T11:30:00Z", "3d", "2028-03-01T11:30:00Z"),
                // UTC
                taskCreated("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "a task created Fri 12 Mar 17:00 UTC due in 3d is due Mon 15 Mar 17:00 UTC (17:00Z)",
                        "2027-03-12T17:00:00Z", "3d", "2027-03-15T17:00:00Z"),
                taskCreated("UTC", "2027-11-07 (US falls back, UTC has no DST)", "a task created Fri 5 Nov 17:00 UTC due in 3d is due Mon 8 Nov 17:00 UTC (17:00Z)",
                        "2027-11-05T17:00:00Z", "3d", "2027-11-08T17:00:00Z"),
                taskCreated("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "a task created Sun 14 Mar 00:30 UTC due in 4h is due Sun 14 Mar 04:30 UTC (04:30Z)",
                        "2027-03-14T00:30:00Z", "4h", "2027-03-14T04:30:00Z"),
                taskCreated("UTC", "2027-01-31 month end", "a task created Sun 31 Jan 17:00 UTC due in 1d is due Mon 1 Feb 17:00 UTC (17:00Z)",
                        "2027-01-31T17:00:00Z", "1d", "2027-02-01T17:00:00Z"),
                taskCreated("UTC", "2027-04-30 month end", "a task created Fri 30 Apr 17:00 UTC due in 7d is due Fri 7 May 17:00 UTC (17:00Z)",
                        "2027-04-30T17:00:00Z", "7d", "2027-05-07T17:00:00Z"),
                taskCreated("UTC", "2027-12-31 year end", "a task created Thu 30 Dec 2027 17:00 UTC due in 3d is due Sun 2 Jan 2028 17:00 UTC (17:00Z)",
                        "2027-12-30T17:00:00Z", "3d", "2028-01-02T17:00:00Z"),
                taskCreated("UTC", "2028-02-29 leap day", "a task created Mon 28 Feb 17:00 UTC due in 1d is due Tue 29 Feb 17:00 UTC (17:00Z)",
                        "2028-02-28T17:00:00Z", "1d", "2028-02-29T17:00:00Z"),
                taskCreated("UTC", "2028-02-29 leap day", "a task created Sun 27 Feb 17:00 UTC due in 3d is due Wed 1 Mar 17:00 UTC (17:00Z)",
                        "2028-02-27T17:00:00Z", "3d", "2028-03-01T17:00:00Z")
        );
    }

    private static Arguments taskCreated(String zone, String when, String story, String createdAt, String dueIn, String due) {
        return Arguments.of(zone, when, story, createdAt, dueIn, due);
    }

    // Cooldowns and measures count on from a run's start, in whole days of the account's calendar.

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource
    void cooldownsAndMeasuresCountDaysInTheAccountsZone(String zone, String when, String story,
                                                        String kind, String at, int days, String expected) {
        ZoneId accountZone = PLACEMENT.zoneOf(accountIn(zone));
        Instant moment = Instant.parse(at);

        Instant actual = kind.equals("cooldown")
                ? new PlayDefinition("p", "P", null, Span.ofDays(days), List.of()).cooldownEnds(moment, accountZone)
                : new Measurement(Span.ofDays(days), 10).within().after(moment, accountZone);

        assertThat(actual).isEqualTo(expected);
    }

    static Stream<Arguments> cooldownsAndMeasuresCountDaysInTheAccountsZone() {
        return Stream.of(
                // America/New_York
                cooldown("America/New_York", "2027-03-14 spring forward", "a 7d cooldown of a run started Mon 8 Mar 10:00 EST (15:00Z) lasts until Mon 15 Mar 10:00 EDT",
                        "2027-03-15T14:00:00Z", 7, "2027-03-08T15:00:00Z"),
                cooldown("America/New_York", "2026-11-01 fall back, 01:40 comes twice", "a 14d cooldown of a run started Sun 18 Oct 01:40 EDT (05:40Z) lasts until the first Sun 1 Nov 01:40, still EDT: a start at the second 01:30 (06:30Z) is after it",
                        "2026-11-01T05:40:00Z", 14, "2026-10-18T05:40:00Z"),
                cooldown("America/New_York", "2027-11-07 fall back", "a 7d cooldown of a run started Mon 1 Nov 10:00 EDT (14:00Z) lasts until Mon 8 Nov 10:00 EST",
                        "2027-11-08T15:00:00Z", 7, "2027-11-01T14:00:00Z"),
                cooldown("America/New_York", "2028-02-29 leap day", "a 30d cooldown of a run started Tue 29 Feb 10:00 EST (15:00Z) lasts until Thu 30 Mar 10:00 EDT",
                        "2028-03-30T14:00:00Z", 30, "2028-02-29T15:00:00Z"),
                cooldown("America/New_York", "2027-12-31 year end", "a 14d cooldown of a run started Mon 27 Dec 2027 10:00 EST (15:00Z) lasts until Mon 10 Jan 2028 10:00 EST",
                        "2028-01-10T15:00:00Z", 14, "2027-12-27T15:00:00Z"),
                measure("America/New_York", "2027-03-14 spring forward", "a run started Thu 11 Mar 10:00 EST, measured within 14d, is measured Thu 25 Mar 10:00 EDT (14:00Z)",
                        "2027-03-11T15:00:00Z", 14, "2027-03-25T14:00:00Z"),
                measure("America/New_York", "2027-01-31 month end", "a run started Sun 31 Jan 10:00 EST, measured within 30d, is measured Tue 2 Mar 10:00 EST (15:00Z)",
                        "2027-01-31T15:00:00Z", 30, "2027-03-02T15:00:00Z"),
                measure("America/New_York", "2028-02-29 leap day", "a run started Sun 30 Jan 10:00 EST, measured within 30d, is measured Tue 29 Feb 10:00 EST (15:00Z)",
                        "2028-01-30T15:00:00Z", 30, "2028-02-29T15:00:00Z"),
                // Europe/Berlin
                cooldown("Europe/Berlin", "2027-03-28 spring forward", "a 7d cooldown of a run started Mon 22 Mar 10:00 CET (09:00Z) lasts until Mon 29 Mar 10:00 CEST",
                        "2027-03-29T08:00:00Z", 7, "2027-03-22T09:00:00Z"),
                cooldown("Europe/Berlin", "2027-10-31 fall back", "a 7d cooldown of a run started Mon 25 Oct 10:00 CEST (08:00Z) lasts until Mon 1 Nov 10:00 CET",
                        "2027-11-01T09:00:00Z", 7, "2027-10-25T08:00:00Z"),
                cooldown("Europe/Berlin", "2028-02-29 leap day", "a 30d cooldown of a run started Tue 29 Feb 10:00 CET (09:00Z) lasts until Thu 30 Mar 10:00 CEST",
                        "2028-03-30T08:00:00Z", 30, "2028-02-29T09:00:00Z"),
                cooldown("Europe/Berlin", "2027-12-31 year end", "a 14d cooldown of a run started Mon 27 Dec 2027 10:00 CET (09:00Z) lasts until Mon 10 Jan 2028 10:00 CET",
                        "2028-01-10T09:00:00Z", 14, "2027-12-27T09:00:00Z"),
                measure("Europe/Berlin", "2027-03-28 spring forward", "a run started Thu 25 Mar 10:00 CET, measured within 14d, is measured Thu 8 Apr 10:00 CEST (08:00Z)",
                        "2027-03-25T09:00:00Z", 14, "2027-04-08T08:00:00Z"),
                measure("Europe/Berlin", "2027-01-31 month end", "a run started Sun 31 Jan 10:00 CET, measured within 30d, is measured Tue 2 Mar 10:00 CET (09:00Z)",
                        "2027-01-31T09:00:00Z", 30, "2027-03-02T09:00:00Z"),
                measure("Europe/Berlin", "2028-02-29 leap day", "a run started Sun 30 Jan 10:00 CET, measured within 30d, is measured Tue 29 Feb 10:00 CET (09:00Z)",
                        "2028-01-30T09:00:00Z", 30, "2028-02-29T09:00:00Z"),
                // Australia/Sydney
                cooldown("Australia/Sydney", "2027-10-03 spring forward", "a 7d cooldown of a run started Mon 27 Sep 10:00 AEST (00:00Z) lasts until Mon 4 Oct 10:00 AEDT",
                        "2027-10-03T23:00:00Z", 7, "2027-09-27T00:00:00Z"),
                cooldown("Australia/Sydney", "2027-04-04 fall back", "a 7d cooldown of a run started Mon 29 Mar 10:00 AEDT (28 Mar 23:00Z) lasts until Mon 5 Apr 10:00 AEST",
                        "2027-04-05T00:00:00Z", 7, "2027-03-28T23:00:00Z"),
                cooldown("Australia/Sydney", "2028-02-29 leap day", "a 30d cooldown of a run started Tue 29 Feb 10:00 AEDT (28 Feb 23:00Z) lasts until Thu 30 Mar 10:00 AEDT",
                        "2028-03-29T23:00:00Z", 30, "2028-02-28T23:00:00Z"),
                cooldown("Australia/Sydney", "2027-12-31 year end", "a 14d cooldown of a run started Mon 27 Dec 2027 10:00 AEDT (26 Dec 23:00Z) lasts until Mon 10 Jan 2028 10:00 AEDT",
                        "2028-01-09T23:00:00Z", 14, "2027-12-26T23:00:00Z"),
                measure("Australia/Sydney", "2027-10-03 spring forward", "a run started Thu 30 Sep 10:00 AEST, measured within 14d, is measured Thu 14 Oct 10:00 AEDT (13 Oct 23:00Z)",
                        "2027-09-30T00:00:00Z", 14, "2027-10-13T23:00:00Z"),
                measure("Australia/Sydney", "2027-01-31 month end", "a run started Sun 31 Jan 10:00 AEDT, measured within 30d, is measured Tue 2 Mar 10:00 AEDT (1 Mar 23:00Z)",
                        "2027-01-30T23:00:00Z", 30, "2027-03-01T23:00:00Z"),
                measure("Australia/Sydney", "2028-02-29 leap day", "a run started Sun 30 Jan 10:00 AEDT, measured within 30d, is measured Tue 29 Feb 10:00 AEDT (28 Feb 23:00Z)",
                        "2028-01-29T23:00:00Z", 30, "2028-02-28T23:00:00Z"),
                // Asia/Kolkata
                cooldown("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "a 7d cooldown of a run started Mon 22 Mar 10:00 IST (04:30Z) lasts until Mon 29 Mar 10:00 IST",
                        "2027-03-29T04:30:00Z", 7, "2027-03-22T04:30:00Z"),
                cooldown("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "a 7d cooldown of a run started Mon 25 Oct 10:00 IST (04:30Z) lasts until Mon 1 Nov 10:00 IST",
                        "2027-11-01T04:30:00Z", 7, "2027-10-25T04:30:00Z"),
                cooldown("Asia/Kolkata", "2028-02-29 leap day", "a 30d cooldown of a run started Tue 29 Feb 10:00 IST (04:30Z) lasts until Thu 30 Mar 10:00 IST",
                        "2028-03-30T04:30:00Z", 30, "2028-02-29T04:30:00Z"),
                cooldown("Asia/Kolkata", "2027-12-31 year end", "a 14d cooldown of a run started Mon 27 Dec 2027 10:00 IST (04:30Z) lasts until Mon 10 Jan 2028 10:00 IST",
                        "2028-01-10T04:30:00Z", 14, "2027-12-27T04:30:00Z"),
                measure("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "a run started Thu 25 Mar 10:00 IST, measured within 14d, is measured Thu 8 Apr 10:00 IST (04:30Z)",
                        "2027-03-25T04:30:00Z", 14, "2027-04-08T04:30:00Z"),
                measure("Asia/Kolkata", "2027-01-31 month end", "a run started Sun 31 Jan 10:00 IST, measured within 30d, is measured Tue 2 Mar 10:00 IST (04:30Z)",
                        "2027-01-31T04:30:00Z", 30, "2027-03-02T04:30:00Z"),
                measure("Asia/Kolkata", "2028-02-29 leap day", "a run started Sun 30 Jan 10:00 IST, measured within 30d, is measured Tue 29 Feb 10:00 IST (04:30Z)",
                        "2028-01-30T04:30:00Z", 30, "2028-02-29T04:30:00Z"),
                // UTC
                cooldown("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "a 7d cooldown of a run started Mon 8 Mar 10:00 UTC (10:00Z) lasts until Mon 15 Mar 10:00 UTC",
                        "2027-03-15T10:00:00Z", 7, "2027-03-08T10:00:00Z"),
                cooldown("UTC", "2027-11-07 (US falls back, UTC has no DST)", "a 7d cooldown of a run started Mon 1 Nov 10:00 UTC (10:00Z) lasts until Mon 8 Nov 10:00 UTC",
                        "2027-11-08T10:00:00Z", 7, "2027-11-01T10:00:00Z"),
                cooldown("UTC", "2028-02-29 leap day", "a 30d cooldown of a run started Tue 29 Feb 10:00 UTC (10:00Z) lasts until Thu 30 Mar 10:00 UTC",
                        "2028-03-30T10:00:00Z", 30, "2028-02-29T10:00:00Z"),
                cooldown("UTC", "2027-12-31 year end", "a 14d cooldown of a run started Mon 27 Dec 2027 10:00 UTC (10:00Z) lasts until Mon 10 Jan 2028 10:00 UTC",
                        "2028-01-10T10:00:00Z", 14, "2027-12-27T10:00:00Z"),
                measure("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "a run started Thu 11 Mar 10:00 UTC, measured within 14d, is measured Thu 25 Mar 10:00 UTC (10:00Z)",
                        "2027-03-11T10:00:00Z", 14, "2027-03-25T10:00:00Z"),
                measure("UTC", "2027-01-31 month end", "a run started Sun 31 Jan 10:00 UTC, measured within 30d, is measured Tue 2 Mar 10:00 UTC (10:00Z)",
                        "2027-01-31T10:00:00Z", 30, "2027-03-02T10:00:00Z"),
                measure("UTC", "2028-02-29 leap day", "a run started Sun 30 Jan 10:00 UTC, measured within 30d, is measured Tue 29 Feb 10:00 UTC (10:00Z)",
                        "2028-01-30T10:00:00Z", 30, "2028-02-29T10:00:00Z")
        );
    }

    private static Arguments cooldown(String zone, String when, String story, String endsAt, int days, String startedAt) {
        return Arguments.of(zone, when, story, "cooldown", startedAt, days, endsAt);
    }

    private static Arguments measure(String zone, String when, String story, String startedAt, int days, String measuredAt) {
        return Arguments.of(zone, when, story, "measure", startedAt, days, measuredAt);
    }

    // The send window on the days the clocks change: a skipped hour, a repeated hour, and the weekend around them.

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource
    void theSendWindowOnTheDaysTheClocksChange(String zone, String when, String story,
                                               SendWindow window, String notBefore, String due) {
        assertThat(window.earliest(Instant.parse(notBefore), ZoneId.of(zone), NINE_TO_FIVE)).isEqualTo(due);
    }

    static Stream<Arguments> theSendWindowOnTheDaysTheClocksChange() {
        return Stream.of(
                // America/New_York
                window("America/New_York", "2027-03-14 spring forward", "business hours from Sun 14 Mar 03:30 EDT, where 02:30 was skipped, a Sunday: Mon 15 Mar 09:00 EDT (13:00Z)",
                        BUSINESS_HOURS, "2027-03-14T07:30:00Z", "2027-03-15T13:00:00Z"),
                window("America/New_York", "2027-03-14 spring forward", "business hours from Fri 12 Mar 17:00 EST, Friday closing: Mon 15 Mar 09:00 EDT (13:00Z)",
                        BUSINESS_HOURS, "2027-03-12T22:00:00Z", "2027-03-15T13:00:00Z"),
                window("America/New_York", "2027-11-07 fall back", "business hours from Sun 7 Nov 01:30 EDT, the first of two, a Sunday: Mon 8 Nov 09:00 EST (14:00Z)",
                        BUSINESS_HOURS, "2027-11-07T05:30:00Z", "2027-11-08T14:00:00Z"),
                window("America/New_York", "2027-11-07 fall back", "business hours from Fri 5 Nov 17:00 EDT, Friday closing: Mon 8 Nov 09:00 EST (14:00Z)",
                        BUSINESS_HOURS, "2027-11-05T21:00:00Z", "2027-11-08T14:00:00Z"),
                window("America/New_York", "2027-03-14 spring forward", "business days from Sat 13 Mar 12:00 EST: Mon 15 Mar 00:00 EDT (04:00Z)",
                        BUSINESS_DAYS, "2027-03-13T17:00:00Z", "2027-03-15T04:00:00Z"),
                window("America/New_York", "2027-11-07 fall back", "business days from Sun 7 Nov 01:30 EDT: Mon 8 Nov 00:00 EST (05:00Z)",
                        BUSINESS_DAYS, "2027-11-07T05:30:00Z", "2027-11-08T05:00:00Z"),
                window("America/New_York", "2027-03-14 spring forward", "at 02:30 from Sat 13 Mar 23:00 EST: 02:30 is skipped, so Sun 14 Mar 03:30 EDT (07:30Z)",
                        AT_0230, "2027-03-14T04:00:00Z", "2027-03-14T07:30:00Z"),
                window("America/New_York", "2027-03-14 spring forward", "at 09:30 from Sat 13 Mar 10:00 EST: Sun 14 Mar 09:30 EDT (13:30Z)",
                        AT_0930, "2027-03-13T15:00:00Z", "2027-03-14T13:30:00Z"),
                window("America/New_York", "2027-11-07 fall back", "at 01:30 from Sat 6 Nov 23:00 EDT: the first of two, Sun 7 Nov 01:30 EDT (05:30Z)",
                        AT_0130, "2027-11-07T03:00:00Z", "2027-11-07T05:30:00Z"),
                window("America/New_York", "2027-11-07 fall back", "at 01:30 from Sun 7 Nov 01:00 EST, between the two: the second, Sun 7 Nov 01:30 EST (06:30Z)",
                        AT_0130, "2027-11-07T06:00:00Z", "2027-11-07T06:30:00Z"),
                window("America/New_York", "2027-11-07 fall back", "at 01:30 from Sun 7 Nov 01:31 EST, after both: the next day, Mon 8 Nov 01:30 EST (06:30Z)",
                        AT_0130, "2027-11-07T06:31:00Z", "2027-11-08T06:30:00Z"),
                // Europe/Berlin
                window("Europe/Berlin", "2027-03-28 spring forward", "business hours from Sun 28 Mar 03:30 CEST, where 02:30 was skipped, a Sunday: Mon 29 Mar 09:00 CEST (07:00Z)",
                        BUSINESS_HOURS, "2027-03-28T01:30:00Z", "2027-03-29T07:00:00Z"),
                window("Europe/Berlin", "2027-03-28 spring forward", "business hours from Fri 26 Mar 17:00 CET, Friday closing: Mon 29 Mar 09:00 CEST (07:00Z)",
                        BUSINESS_HOURS, "2027-03-26T16:00:00Z", "2027-03-29T07:00:00Z"),
                window("Europe/Berlin", "2027-10-31 fall back", "business hours from Sun 31 Oct 02:30 CEST, the first of two, a Sunday: Mon 1 Nov 09:00 CET (08:00Z)",
                        BUSINESS_HOURS, "2027-10-31T00:30:00Z", "2027-11-01T08:00:00Z"),
                window("Europe/Berlin", "2027-10-31 fall back", "business hours from Fri 29 Oct 17:00 CEST, Friday closing: Mon 1 Nov 09:00 CET (08:00Z)",
                        BUSINESS_HOURS, "2027-10-29T15:00:00Z", "2027-11-01T08:00:00Z"),
                window("Europe/Berlin", "2027-03-28 spring forward", "business days from Sat 27 Mar 12:00 CET: Mon 29 Mar 00:00 CEST (28 Mar 22:00Z)",
                        BUSINESS_DAYS, "2027-03-27T11:00:00Z", "2027-03-28T22:00:00Z"),
                window("Europe/Berlin", "2027-10-31 fall back", "business days from Sun 31 Oct 02:30 CEST: Mon 1 Nov 00:00 CET (31 Oct 23:00Z)",
                        BUSINESS_DAYS, "2027-10-31T00:30:00Z", "2027-10-31T23:00:00Z"),
                window("Europe/Berlin", "2027-03-28 spring forward", "at 02:30 from Sat 27 Mar 23:00 CET: 02:30 is skipped, so Sun 28 Mar 03:30 CEST (01:30Z)",
                        AT_0230, "2027-03-27T22:00:00Z", "2027-03-28T01:30:00Z"),
                window("Europe/Berlin", "2027-03-28 spring forward", "at 09:30 from Sat 27 Mar 10:00 CET: Sun 28 Mar 09:30 CEST (07:30Z)",
                        AT_0930, "2027-03-27T09:00:00Z", "2027-03-28T07:30:00Z"),
                window("Europe/Berlin", "2027-10-31 fall back", "at 02:30 from Sat 30 Oct 23:00 CEST: the first of two, Sun 31 Oct 02:30 CEST (00:30Z)",
                        AT_0230, "2027-10-30T21:00:00Z", "2027-10-31T00:30:00Z"),
                window("Europe/Berlin", "2027-10-31 fall back", "at 02:30 from Sun 31 Oct 02:00 CET, between the two: the second, Sun 31 Oct 02:30 CET (01:30Z)",
                        AT_0230, "2027-10-31T01:00:00Z", "2027-10-31T01:30:00Z"),
                window("Europe/Berlin", "2027-10-31 fall back", "at 02:30 from Sun 31 Oct 02:31 CET, after both: the next day, Mon 1 Nov 02:30 CET (01:30Z)",
                        AT_0230, "2027-10-31T01:31:00Z", "2027-11-01T01:30:00Z"),
                // Australia/Sydney
                window("Australia/Sydney", "2027-10-03 spring forward", "business hours from Sun 3 Oct 03:30 AEDT, where 02:30 was skipped, a Sunday: Mon 4 Oct 09:00 AEDT (3 Oct 22:00Z)",
                        BUSINESS_HOURS, "2027-10-02T16:30:00Z", "2027-10-03T22:00:00Z"),
                window("Australia/Sydney", "2027-10-03 spring forward", "business hours from Fri 1 Oct 17:00 AEST, Friday closing: Mon 4 Oct 09:00 AEDT (3 Oct 22:00Z)",
                        BUSINESS_HOURS, "2027-10-01T07:00:00Z", "2027-10-03T22:00:00Z"),
                window("Australia/Sydney", "2027-04-04 fall back", "business hours from Sun 4 Apr 02:30 AEDT, the first of two, a Sunday: Mon 5 Apr 09:00 AEST (4 Apr 23:00Z)",
                        BUSINESS_HOURS, "2027-04-03T15:30:00Z", "2027-04-04T23:00:00Z"),
                window("Australia/Sydney", "2027-04-04 fall back", "business hours from Fri 2 Apr 17:00 AEDT, Friday closing: Mon 5 Apr 09:00 AEST (4 Apr 23:00Z)",
                        BUSINESS_HOURS, "2027-04-02T06:00:00Z", "2027-04-04T23:00:00Z"),
                window("Australia/Sydney", "2027-10-03 spring forward", "business days from Sat 2 Oct 12:00 AEST: Mon 4 Oct 00:00 AEDT (3 Oct 13:00Z)",
                        BUSINESS_DAYS, "2027-10-02T02:00:00Z", "2027-10-03T13:00:00Z"),
                window("Australia/Sydney", "2027-04-04 fall back", "business days from Sun 4 Apr 02:30 AEDT: Mon 5 Apr 00:00 AEST (4 Apr 14:00Z)",
                        BUSINESS_DAYS, "2027-04-03T15:30:00Z", "2027-04-04T14:00:00Z"),
                window("Australia/Sydney", "2027-10-03 spring forward", "at 02:30 from Sat 2 Oct 23:00 AEST: 02:30 is skipped, so Sun 3 Oct 03:30 AEDT (2 Oct 16:30Z)",
                        AT_0230, "2027-10-02T13:00:00Z", "2027-10-02T16:30:00Z"),
                window("Australia/Sydney", "2027-10-03 spring forward", "at 09:30 from Sat 2 Oct 10:00 AEST: Sun 3 Oct 09:30 AEDT (2 Oct 22:30Z)",
                        AT_0930, "2027-10-02T00:00:00Z", "2027-10-02T22:30:00Z"),
                window("Australia/Sydney", "2027-04-04 fall back", "at 02:30 from Sat 3 Apr 23:00 AEDT: the first of two, Sun 4 Apr 02:30 AEDT (3 Apr 15:30Z)",
                        AT_0230, "2027-04-03T12:00:00Z", "2027-04-03T15:30:00Z"),
                window("Australia/Sydney", "2027-04-04 fall back", "at 02:30 from Sun 4 Apr 02:00 AEST, between the two: the second, Sun 4 Apr 02:30 AEST (3 Apr 16:30Z)",
                        AT_0230, "2027-04-03T16:00:00Z", "2027-04-03T16:30:00Z"),
                window("Australia/Sydney", "2027-04-04 fall back", "at 02:30 from Sun 4 Apr 02:31 AEST, after both: the next day, Mon 5 Apr 02:30 AEST (4 Apr 16:30Z)",
                        AT_0230, "2027-04-03T16:31:00Z", "2027-04-04T16:30:00Z"),
                // Asia/Kolkata
                window("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "business hours from Sun 28 Mar 02:30 IST, a Sunday: Mon 29 Mar 09:00 IST (03:30Z)",
                        BUSINESS_HOURS, "2027-03-27T21:00:00Z", "2027-03-29T03:30:00Z"),
                window("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "business hours from Fri 26 Mar 17:00 IST, Friday closing: Mon 29 Mar 09:00 IST (03:30Z)",
                        BUSINESS_HOURS, "2027-03-26T11:30:00Z", "2027-03-29T03:30:00Z"),
                window("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "business hours from Sun 31 Oct 02:30 IST, a Sunday: Mon 1 Nov 09:00 IST (03:30Z)",
                        BUSINESS_HOURS, "2027-10-30T21:00:00Z", "2027-11-01T03:30:00Z"),
                window("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "business hours from Fri 29 Oct 17:00 IST, Friday closing: Mon 1 Nov 09:00 IST (03:30Z)",
                        BUSINESS_HOURS, "2027-10-29T11:30:00Z", "2027-11-01T03:30:00Z"),
                window("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "business days from Sat 27 Mar 12:00 IST: Mon 29 Mar 00:00 IST (28 Mar 18:30Z)",
                        BUSINESS_DAYS, "2027-03-27T06:30:00Z", "2027-03-28T18:30:00Z"),
                window("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "business days from Sun 31 Oct 02:30 IST: Mon 1 Nov 00:00 IST (31 Oct 18:30Z)",
                        BUSINESS_DAYS, "2027-10-30T21:00:00Z", "2027-10-31T18:30:00Z"),
                window("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "at 02:30 from Sat 27 Mar 23:00 IST: Sun 28 Mar 02:30 IST (27 Mar 21:00Z)",
                        AT_0230, "2027-03-27T17:30:00Z", "2027-03-27T21:00:00Z"),
                window("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)", "at 09:30 from Sat 27 Mar 10:00 IST: Sun 28 Mar 09:30 IST (04:00Z)",
                        AT_0930, "2027-03-27T04:30:00Z", "2027-03-28T04:00:00Z"),
                window("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "at 02:30 from Sat 30 Oct 23:00 IST: Sun 31 Oct 02:30 IST (30 Oct 21:00Z)",
                        AT_0230, "2027-10-30T17:30:00Z", "2027-10-30T21:00:00Z"),
                window("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "at 02:30 from Sun 31 Oct 01:00 IST: once, Sun 31 Oct 02:30 IST (30 Oct 21:00Z)",
                        AT_0230, "2027-10-30T19:30:00Z", "2027-10-30T21:00:00Z"),
                window("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)", "at 02:30 from Sun 31 Oct 02:31 IST: the next day, Mon 1 Nov 02:30 IST (31 Oct 21:00Z)",
                        AT_0230, "2027-10-30T21:01:00Z", "2027-10-31T21:00:00Z"),
                // UTC
                window("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "business hours from Sun 14 Mar 02:30 UTC, a Sunday: Mon 15 Mar 09:00 UTC (09:00Z)",
                        BUSINESS_HOURS, "2027-03-14T02:30:00Z", "2027-03-15T09:00:00Z"),
                window("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "business hours from Fri 12 Mar 17:00 UTC, Friday closing: Mon 15 Mar 09:00 UTC (09:00Z)",
                        BUSINESS_HOURS, "2027-03-12T17:00:00Z", "2027-03-15T09:00:00Z"),
                window("UTC", "2027-11-07 (US falls back, UTC has no DST)", "business hours from Sun 7 Nov 01:30 UTC, a Sunday: Mon 8 Nov 09:00 UTC (09:00Z)",
                        BUSINESS_HOURS, "2027-11-07T01:30:00Z", "2027-11-08T09:00:00Z"),
                window("UTC", "2027-11-07 (US falls back, UTC has no DST)", "business hours from Fri 5 Nov 17:00 UTC, Friday closing: Mon 8 Nov 09:00 UTC (09:00Z)",
                        BUSINESS_HOURS, "2027-11-05T17:00:00Z", "2027-11-08T09:00:00Z"),
                window("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "business days from Sat 13 Mar 12:00 UTC: Mon 15 Mar 00:00 UTC (00:00Z)",
                        BUSINESS_DAYS, "2027-03-13T12:00:00Z", "2027-03-15T00:00:00Z"),
                window("UTC", "2027-11-07 (US falls back, UTC has no DST)", "business days from Sun 7 Nov 01:30 UTC: Mon 8 Nov 00:00 UTC (00:00Z)",
                        BUSINESS_DAYS, "2027-11-07T01:30:00Z", "2027-11-08T00:00:00Z"),
                window("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "at 02:30 from Sat 13 Mar 23:00 UTC: Sun 14 Mar 02:30 UTC (02:30Z)",
                        AT_0230, "2027-03-13T23:00:00Z", "2027-03-14T02:30:00Z"),
                window("UTC", "2027-03-14 (US springs forward, UTC has no DST)", "at 09:30 from Sat 13 Mar 10:00 UTC: Sun 14 Mar 09:30 UTC (09:30Z)",
                        AT_0930, "2027-03-13T10:00:00Z", "2027-03-14T09:30:00Z"),
                window("UTC", "2027-11-07 (US falls back, UTC has no DST)", "at 01:30 from Sat 6 Nov 23:00 UTC: Sun 7 Nov 01:30 UTC (01:30Z)",
                        AT_0130, "2027-11-06T23:00:00Z", "2027-11-07T01:30:00Z"),
                window("UTC", "2027-11-07 (US falls back, UTC has no DST)", "at 01:30 from Sun 7 Nov 01:00 UTC: once, Sun 7 Nov 01:30 UTC (01:30Z)",
                        AT_0130, "2027-11-07T01:00:00Z", "2027-11-07T01:30:00Z"),
                window("UTC", "2027-11-07 (US falls back, UTC has no DST)", "at 01:30 from Sun 7 Nov 01:31 UTC: the next day, Mon 8 Nov 01:30 UTC (01:30Z)",
                        AT_0130, "2027-11-07T01:31:00Z", "2027-11-08T01:30:00Z")
        );
    }

    private static Arguments window(String zone, String when, String story, SendWindow window, String notBefore, String due) {
        return Arguments.of(zone, when, story, window, notBefore, due);
    }
}
