package dev.tenure.engine.cadences;

import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.Cadence;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.SendWindow;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the steps of a cadence's next occurrence land, for renewals, every-90-days and quarterly cadences,
 * in five zones, when the days before an occurrence span a clock change, a month end, the year end or
 * 29 February 2028. A step {@code before} N days is due at the start of the day N days before the
 * occurrence, on the account's calendar, then in its send window. The clock changes of 2027 used here:
 * <pre>
 *   America/New_York   forward Sun 14 Mar 02:00 EST -> 03:00 EDT    back Sun 7 Nov 02:00 EDT -> 01:00 EST
 *   Europe/Berlin      forward Sun 28 Mar 02:00 CET -> 03:00 CEST   back Sun 31 Oct 03:00 CEST -> 02:00 CET
 *   Australia/Sydney   forward Sun 3 Oct 02:00 AEST -> 03:00 AEDT   back Sun 4 Apr 03:00 AEDT -> 02:00 AEST
 *   Asia/Kolkata       +05:30 all year: Europe's dates must show no shift
 *   UTC                the US dates must show no shift
 * </pre>
 * Every expected instant is written out, worked out from these offsets and checked against the tz database;
 * a step that had passed when the occurrence was planned is expected as {@code "skipped <its time>"}.
 */
class CadenceCalendarMatrixUnitTest {

    private static final SendWindow ANY_TIME = SendWindow.ANY_TIME;
    private static final SendWindow BUSINESS_HOURS = new SendWindow(true, false, null);
    private static final SendWindow AT_0930 = new SendWindow(false, false, LocalTime.of(9, 30));

    // Long enough that every occurrence here is planned: these cases are about where steps land, not when planning starts.
    private static final Duration HORIZON = Duration.ofDays(400);

    // None of the zones under test, so a case that wrongly fell back to the default would fail.
    private final OccurrencePlanner planner = new OccurrencePlanner(new StepPlacement(ZoneId.of("Pacific/Honolulu"),
            new SendWindow.BusinessHours(LocalTime.of(9, 0), LocalTime.of(17, 0))), HORIZON);

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void stepsLandAtTheStartOfTheirDayOnTheAccountsCalendar(Occurrence c) {
        Account account = new Account("a-1", "Acme", Segment.LOW_TOUCH, Stage.VALUE, "dana@cs.example", null, null,
                c.startedOn(), c.renewalOn(), c.zone());

        PlannedOccurrence planned = planner.plan(c.play(), account, List.of(), c.now()).orElseThrow();

        assertThat(planned.occursOn()).isEqualTo(c.occursOn());
        assertThat(planned.steps()).extracting(s -> (s.skipped() == null ? "" : "skipped ") + s.dueAt()).containsExactly(c.due());
    }

    static Stream<Occurrence> stepsLandAtTheStartOfTheirDayOnTheAccountsCalendar() {
        return Stream.of(
                // America/New_York
                renewal("America/New_York", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before, at the start of each day: 1 Nov 00:00 EDT, 1 Dec 00:00 EST, 31 Dec 00:00 EST, 30 Jan 00:00 EST",
                        "2028-02-29", "2027-10-15T12:00:00Z", ANY_TIME, before(120, 90, 60, 30),
                        "2027-11-01T04:00:00Z", "2027-12-01T05:00:00Z", "2027-12-31T05:00:00Z", "2028-01-30T05:00:00Z"),
                renewal("America/New_York", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before in business hours (30 Jan is a Sunday): 1 Nov 09:00 EDT, 1 Dec 09:00 EST, 31 Dec 09:00 EST, 31 Jan 09:00 EST",
                        "2028-02-29", "2027-10-15T12:00:00Z", BUSINESS_HOURS, before(120, 90, 60, 30),
                        "2027-11-01T13:00:00Z", "2027-12-01T14:00:00Z", "2027-12-31T14:00:00Z", "2028-01-31T14:00:00Z"),
                renewal("America/New_York", "2027-03-14 spring forward",
                        "renewal on 2027-04-13, 31/30/29 days before: 13 Mar 00:00 EST, 14 Mar 00:00 EST, 15 Mar 00:00 EDT",
                        "2027-04-13", "2027-02-02T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-03-13T05:00:00Z", "2027-03-14T05:00:00Z", "2027-03-15T04:00:00Z"),
                renewal("America/New_York", "2027-11-07 fall back",
                        "renewal on 2027-12-07, 31/30/29 days before: 6 Nov 00:00 EDT, 7 Nov 00:00 EDT, 8 Nov 00:00 EST",
                        "2027-12-07", "2027-09-28T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-11-06T04:00:00Z", "2027-11-07T04:00:00Z", "2027-11-08T05:00:00Z"),
                renewal("America/New_York", "2027-03-14 spring forward",
                        "renewal on 2027-04-18 planned Sun 14 Mar 12:00 EDT, 60/40/20 days before in business hours: the 60d step has passed and is skipped, the 40d one runs at the next opening: skipped 17 Feb 09:00 EST, 15 Mar 09:00 EDT, 29 Mar 09:00 EDT",
                        "2027-04-18", "2027-03-14T16:00:00Z", BUSINESS_HOURS, before(60, 40, 20),
                        "skipped 2027-02-17T14:00:00Z", "2027-03-15T13:00:00Z", "2027-03-29T13:00:00Z"),
                every90Days("America/New_York", "2028-02-29 leap day",
                        "every 90d from 2027-12-01 falls on 29 Feb; 30/7/1 days before: 30 Jan 00:00 EST, 22 Feb 00:00 EST, 28 Feb 00:00 EST",
                        "2027-12-01", "2028-01-01T12:00:00Z", ANY_TIME, before(30, 7, 1), "2028-02-29",
                        "2028-01-30T05:00:00Z", "2028-02-22T05:00:00Z", "2028-02-28T05:00:00Z"),
                every90Days("America/New_York", "2028-02-29 leap day",
                        "every 90d from 2027-12-02 falls on 1 Mar; 2/1/0 days before: 28 Feb 00:00 EST, 29 Feb 00:00 EST, 1 Mar 00:00 EST",
                        "2027-12-02", "2028-02-01T12:00:00Z", ANY_TIME, before(2, 1, 0), "2028-03-01",
                        "2028-02-28T05:00:00Z", "2028-02-29T05:00:00Z", "2028-03-01T05:00:00Z"),
                every90Days("America/New_York", "2027-03-14 spring forward",
                        "every 90d from 2026-12-15 falls on Mon 2027-03-15; 2/1/0 days before: 13 Mar 00:00 EST, 14 Mar 00:00 EST, 15 Mar 00:00 EDT",
                        "2026-12-15", "2027-02-22T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-03-15",
                        "2027-03-13T05:00:00Z", "2027-03-14T05:00:00Z", "2027-03-15T04:00:00Z"),
                every90Days("America/New_York", "2027-11-07 fall back",
                        "every 90d from 2027-08-10 falls on Mon 2027-11-08; 2/1/0 days before: 6 Nov 00:00 EDT, 7 Nov 00:00 EDT, 8 Nov 00:00 EST",
                        "2027-08-10", "2027-10-18T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-11-08",
                        "2027-11-06T04:00:00Z", "2027-11-07T04:00:00Z", "2027-11-08T05:00:00Z"),
                every90Days("America/New_York", "2027-03-14 spring forward",
                        "every 90d from 2026-12-15 falls on Mon 2027-03-15; 3/1 days before at 09:30: 12 Mar 09:30 EST, 14 Mar 09:30 EDT",
                        "2026-12-15", "2027-02-22T12:00:00Z", AT_0930, before(3, 1), "2027-03-15",
                        "2027-03-12T14:30:00Z", "2027-03-14T13:30:00Z"),
                every90Days("America/New_York", "2027-12-31 year end",
                        "every 90d from 2027-10-03 falls on 1 Jan 2028; 7/1 days before: 25 Dec 00:00 EST, 31 Dec 00:00 EST",
                        "2027-10-03", "2027-12-01T12:00:00Z", ANY_TIME, before(7, 1), "2028-01-01",
                        "2027-12-25T05:00:00Z", "2027-12-31T05:00:00Z"),
                every90Days("America/New_York", "2027-04-30 month end",
                        "every 90d from 2027-01-31 falls on 1 May; 31/1 days before: 31 Mar 00:00 EDT, 30 Apr 00:00 EDT",
                        "2027-01-31", "2027-03-01T12:00:00Z", ANY_TIME, before(31, 1), "2027-05-01",
                        "2027-03-31T04:00:00Z", "2027-04-30T04:00:00Z"),
                quarterly("America/New_York", "2027-04-01 quarter",
                        "30/7/1 days before 1 Apr: 2 Mar 00:00 EST, 25 Mar 00:00 EDT, 31 Mar 00:00 EDT",
                        "2027-02-20T12:00:00Z", ANY_TIME, before(30, 7, 1), "2027-04-01",
                        "2027-03-02T05:00:00Z", "2027-03-25T04:00:00Z", "2027-03-31T04:00:00Z"),
                quarterly("America/New_York", "2028-01-01 quarter",
                        "90/62/55/1 days before 1 Jan 2028: 3 Oct 00:00 EDT, 31 Oct 00:00 EDT, 7 Nov 00:00 EDT, 31 Dec 00:00 EST",
                        "2027-10-02T12:00:00Z", ANY_TIME, before(90, 62, 55, 1), "2028-01-01",
                        "2027-10-03T04:00:00Z", "2027-10-31T04:00:00Z", "2027-11-07T04:00:00Z", "2027-12-31T05:00:00Z"),
                quarterly("America/New_York", "2028-01-01 quarter",
                        "7/1/0 days before Sat 1 Jan 2028 in business hours (the 0d step waits for Monday): 27 Dec 09:00 EST, 31 Dec 09:00 EST, 3 Jan 09:00 EST",
                        "2027-12-01T12:00:00Z", BUSINESS_HOURS, before(7, 1, 0), "2028-01-01",
                        "2027-12-27T14:00:00Z", "2027-12-31T14:00:00Z", "2028-01-03T14:00:00Z"),
                quarterly("America/New_York", "2028-04-01 quarter",
                        "33/32/31/5 days before 1 Apr 2028: 28 Feb 00:00 EST, 29 Feb 00:00 EST, 1 Mar 00:00 EST, 27 Mar 00:00 EDT",
                        "2028-02-01T12:00:00Z", ANY_TIME, before(33, 32, 31, 5), "2028-04-01",
                        "2028-02-28T05:00:00Z", "2028-02-29T05:00:00Z", "2028-03-01T05:00:00Z", "2028-03-27T04:00:00Z"),
                quarterly("America/New_York", "2027-07-01 quarter",
                        "89/88/87 days before 1 Jul: 3 Apr 00:00 EDT, 4 Apr 00:00 EDT, 5 Apr 00:00 EDT",
                        "2027-04-02T12:00:00Z", ANY_TIME, before(89, 88, 87), "2027-07-01",
                        "2027-04-03T04:00:00Z", "2027-04-04T04:00:00Z", "2027-04-05T04:00:00Z"),
                // Europe/Berlin
                renewal("Europe/Berlin", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before, at the start of each day: 1 Nov 00:00 CET, 1 Dec 00:00 CET, 31 Dec 00:00 CET, 30 Jan 00:00 CET",
                        "2028-02-29", "2027-10-15T12:00:00Z", ANY_TIME, before(120, 90, 60, 30),
                        "2027-10-31T23:00:00Z", "2027-11-30T23:00:00Z", "2027-12-30T23:00:00Z", "2028-01-29T23:00:00Z"),
                renewal("Europe/Berlin", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before in business hours (30 Jan is a Sunday): 1 Nov 09:00 CET, 1 Dec 09:00 CET, 31 Dec 09:00 CET, 31 Jan 09:00 CET",
                        "2028-02-29", "2027-10-15T12:00:00Z", BUSINESS_HOURS, before(120, 90, 60, 30),
                        "2027-11-01T08:00:00Z", "2027-12-01T08:00:00Z", "2027-12-31T08:00:00Z", "2028-01-31T08:00:00Z"),
                renewal("Europe/Berlin", "2027-03-28 spring forward",
                        "renewal on 2027-04-27, 31/30/29 days before: 27 Mar 00:00 CET, 28 Mar 00:00 CET, 29 Mar 00:00 CEST",
                        "2027-04-27", "2027-02-16T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-03-26T23:00:00Z", "2027-03-27T23:00:00Z", "2027-03-28T22:00:00Z"),
                renewal("Europe/Berlin", "2027-10-31 fall back",
                        "renewal on 2027-11-30, 31/30/29 days before: 30 Oct 00:00 CEST, 31 Oct 00:00 CEST, 1 Nov 00:00 CET",
                        "2027-11-30", "2027-09-21T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-10-29T22:00:00Z", "2027-10-30T22:00:00Z", "2027-10-31T23:00:00Z"),
                renewal("Europe/Berlin", "2027-03-28 spring forward",
                        "renewal on 2027-05-02 planned Sun 28 Mar 12:00 CEST, 60/40/20 days before in business hours: the 60d step has passed and is skipped, the 40d one runs at the next opening: skipped 3 Mar 09:00 CET, 29 Mar 09:00 CEST, 12 Apr 09:00 CEST",
                        "2027-05-02", "2027-03-28T10:00:00Z", BUSINESS_HOURS, before(60, 40, 20),
                        "skipped 2027-03-03T08:00:00Z", "2027-03-29T07:00:00Z", "2027-04-12T07:00:00Z"),
                every90Days("Europe/Berlin", "2028-02-29 leap day",
                        "every 90d from 2027-12-01 falls on 29 Feb; 30/7/1 days before: 30 Jan 00:00 CET, 22 Feb 00:00 CET, 28 Feb 00:00 CET",
                        "2027-12-01", "2028-01-01T12:00:00Z", ANY_TIME, before(30, 7, 1), "2028-02-29",
                        "2028-01-29T23:00:00Z", "2028-02-21T23:00:00Z", "2028-02-27T23:00:00Z"),
                every90Days("Europe/Berlin", "2028-02-29 leap day",
                        "every 90d from 2027-12-02 falls on 1 Mar; 2/1/0 days before: 28 Feb 00:00 CET, 29 Feb 00:00 CET, 1 Mar 00:00 CET",
                        "2027-12-02", "2028-02-01T12:00:00Z", ANY_TIME, before(2, 1, 0), "2028-03-01",
                        "2028-02-27T23:00:00Z", "2028-02-28T23:00:00Z", "2028-02-29T23:00:00Z"),
                every90Days("Europe/Berlin", "2027-03-28 spring forward",
                        "every 90d from 2026-12-29 falls on Mon 2027-03-29; 2/1/0 days before: 27 Mar 00:00 CET, 28 Mar 00:00 CET, 29 Mar 00:00 CEST",
                        "2026-12-29", "2027-03-08T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-03-29",
                        "2027-03-26T23:00:00Z", "2027-03-27T23:00:00Z", "2027-03-28T22:00:00Z"),
                every90Days("Europe/Berlin", "2027-10-31 fall back",
                        "every 90d from 2027-08-03 falls on Mon 2027-11-01; 2/1/0 days before: 30 Oct 00:00 CEST, 31 Oct 00:00 CEST, 1 Nov 00:00 CET",
                        "2027-08-03", "2027-10-11T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-11-01",
                        "2027-10-29T22:00:00Z", "2027-10-30T22:00:00Z", "2027-10-31T23:00:00Z"),
                every90Days("Europe/Berlin", "2027-03-28 spring forward",
                        "every 90d from 2026-12-29 falls on Mon 2027-03-29; 3/1 days before at 09:30: 26 Mar 09:30 CET, 28 Mar 09:30 CEST",
                        "2026-12-29", "2027-03-08T12:00:00Z", AT_0930, before(3, 1), "2027-03-29",
                        "2027-03-26T08:30:00Z", "2027-03-28T07:30:00Z"),
                every90Days("Europe/Berlin", "2027-12-31 year end",
                        "every 90d from 2027-10-03 falls on 1 Jan 2028; 7/1 days before: 25 Dec 00:00 CET, 31 Dec 00:00 CET",
                        "2027-10-03", "2027-12-01T12:00:00Z", ANY_TIME, before(7, 1), "2028-01-01",
                        "2027-12-24T23:00:00Z", "2027-12-30T23:00:00Z"),
                every90Days("Europe/Berlin", "2027-04-30 month end",
                        "every 90d from 2027-01-31 falls on 1 May; 31/1 days before: 31 Mar 00:00 CEST, 30 Apr 00:00 CEST",
                        "2027-01-31", "2027-03-01T12:00:00Z", ANY_TIME, before(31, 1), "2027-05-01",
                        "2027-03-30T22:00:00Z", "2027-04-29T22:00:00Z"),
                quarterly("Europe/Berlin", "2027-04-01 quarter",
                        "30/7/1 days before 1 Apr: 2 Mar 00:00 CET, 25 Mar 00:00 CET, 31 Mar 00:00 CEST",
                        "2027-02-20T12:00:00Z", ANY_TIME, before(30, 7, 1), "2027-04-01",
                        "2027-03-01T23:00:00Z", "2027-03-24T23:00:00Z", "2027-03-30T22:00:00Z"),
                quarterly("Europe/Berlin", "2028-01-01 quarter",
                        "90/62/55/1 days before 1 Jan 2028: 3 Oct 00:00 CEST, 31 Oct 00:00 CEST, 7 Nov 00:00 CET, 31 Dec 00:00 CET",
                        "2027-10-02T12:00:00Z", ANY_TIME, before(90, 62, 55, 1), "2028-01-01",
                        "2027-10-02T22:00:00Z", "2027-10-30T22:00:00Z", "2027-11-06T23:00:00Z", "2027-12-30T23:00:00Z"),
                quarterly("Europe/Berlin", "2028-01-01 quarter",
                        "7/1/0 days before Sat 1 Jan 2028 in business hours (the 0d step waits for Monday): 27 Dec 09:00 CET, 31 Dec 09:00 CET, 3 Jan 09:00 CET",
                        "2027-12-01T12:00:00Z", BUSINESS_HOURS, before(7, 1, 0), "2028-01-01",
                        "2027-12-27T08:00:00Z", "2027-12-31T08:00:00Z", "2028-01-03T08:00:00Z"),
                quarterly("Europe/Berlin", "2028-04-01 quarter",
                        "33/32/31/5 days before 1 Apr 2028: 28 Feb 00:00 CET, 29 Feb 00:00 CET, 1 Mar 00:00 CET, 27 Mar 00:00 CEST",
                        "2028-02-01T12:00:00Z", ANY_TIME, before(33, 32, 31, 5), "2028-04-01",
                        "2028-02-27T23:00:00Z", "2028-02-28T23:00:00Z", "2028-02-29T23:00:00Z", "2028-03-26T22:00:00Z"),
                quarterly("Europe/Berlin", "2027-07-01 quarter",
                        "89/88/87 days before 1 Jul: 3 Apr 00:00 CEST, 4 Apr 00:00 CEST, 5 Apr 00:00 CEST",
                        "2027-04-02T12:00:00Z", ANY_TIME, before(89, 88, 87), "2027-07-01",
                        "2027-04-02T22:00:00Z", "2027-04-03T22:00:00Z", "2027-04-04T22:00:00Z"),
                // Australia/Sydney
                renewal("Australia/Sydney", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before, at the start of each day: 1 Nov 00:00 AEDT, 1 Dec 00:00 AEDT, 31 Dec 00:00 AEDT, 30 Jan 00:00 AEDT",
                        "2028-02-29", "2027-10-15T12:00:00Z", ANY_TIME, before(120, 90, 60, 30),
                        "2027-10-31T13:00:00Z", "2027-11-30T13:00:00Z", "2027-12-30T13:00:00Z", "2028-01-29T13:00:00Z"),
                renewal("Australia/Sydney", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before in business hours (30 Jan is a Sunday): 1 Nov 09:00 AEDT, 1 Dec 09:00 AEDT, 31 Dec 09:00 AEDT, 31 Jan 09:00 AEDT",
                        "2028-02-29", "2027-10-15T12:00:00Z", BUSINESS_HOURS, before(120, 90, 60, 30),
                        "2027-10-31T22:00:00Z", "2027-11-30T22:00:00Z", "2027-12-30T22:00:00Z", "2028-01-30T22:00:00Z"),
                renewal("Australia/Sydney", "2027-10-03 spring forward",
                        "renewal on 2027-11-02, 31/30/29 days before: 2 Oct 00:00 AEST, 3 Oct 00:00 AEST, 4 Oct 00:00 AEDT",
                        "2027-11-02", "2027-08-24T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-10-01T14:00:00Z", "2027-10-02T14:00:00Z", "2027-10-03T13:00:00Z"),
                renewal("Australia/Sydney", "2027-04-04 fall back",
                        "renewal on 2027-05-04, 31/30/29 days before: 3 Apr 00:00 AEDT, 4 Apr 00:00 AEDT, 5 Apr 00:00 AEST",
                        "2027-05-04", "2027-02-23T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-04-02T13:00:00Z", "2027-04-03T13:00:00Z", "2027-04-04T14:00:00Z"),
                renewal("Australia/Sydney", "2027-10-03 spring forward",
                        "renewal on 2027-11-07 planned Sun 3 Oct 12:00 AEDT, 60/40/20 days before in business hours: the 60d step has passed and is skipped, the 40d one runs at the next opening: skipped 8 Sep 09:00 AEST, 4 Oct 09:00 AEDT, 18 Oct 09:00 AEDT",
                        "2027-11-07", "2027-10-03T01:00:00Z", BUSINESS_HOURS, before(60, 40, 20),
                        "skipped 2027-09-07T23:00:00Z", "2027-10-03T22:00:00Z", "2027-10-17T22:00:00Z"),
                every90Days("Australia/Sydney", "2028-02-29 leap day",
                        "every 90d from 2027-12-01 falls on 29 Feb; 30/7/1 days before: 30 Jan 00:00 AEDT, 22 Feb 00:00 AEDT, 28 Feb 00:00 AEDT",
                        "2027-12-01", "2028-01-01T12:00:00Z", ANY_TIME, before(30, 7, 1), "2028-02-29",
                        "2028-01-29T13:00:00Z", "2028-02-21T13:00:00Z", "2028-02-27T13:00:00Z"),
                every90Days("Australia/Sydney", "2028-02-29 leap day",
                        "every 90d from 2027-12-02 falls on 1 Mar; 2/1/0 days before: 28 Feb 00:00 AEDT, 29 Feb 00:00 AEDT, 1 Mar 00:00 AEDT",
                        "2027-12-02", "2028-02-01T12:00:00Z", ANY_TIME, before(2, 1, 0), "2028-03-01",
                        "2028-02-27T13:00:00Z", "2028-02-28T13:00:00Z", "2028-02-29T13:00:00Z"),
                every90Days("Australia/Sydney", "2027-10-03 spring forward",
                        "every 90d from 2027-07-06 falls on Mon 2027-10-04; 2/1/0 days before: 2 Oct 00:00 AEST, 3 Oct 00:00 AEST, 4 Oct 00:00 AEDT",
                        "2027-07-06", "2027-09-13T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-10-04",
                        "2027-10-01T14:00:00Z", "2027-10-02T14:00:00Z", "2027-10-03T13:00:00Z"),
                every90Days("Australia/Sydney", "2027-04-04 fall back",
                        "every 90d from 2027-01-05 falls on Mon 2027-04-05; 2/1/0 days before: 3 Apr 00:00 AEDT, 4 Apr 00:00 AEDT, 5 Apr 00:00 AEST",
                        "2027-01-05", "2027-03-15T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-04-05",
                        "2027-04-02T13:00:00Z", "2027-04-03T13:00:00Z", "2027-04-04T14:00:00Z"),
                every90Days("Australia/Sydney", "2027-10-03 spring forward",
                        "every 90d from 2027-07-06 falls on Mon 2027-10-04; 3/1 days before at 09:30: 1 Oct 09:30 AEST, 3 Oct 09:30 AEDT",
                        "2027-07-06", "2027-09-13T12:00:00Z", AT_0930, before(3, 1), "2027-10-04",
                        "2027-09-30T23:30:00Z", "2027-10-02T22:30:00Z"),
                every90Days("Australia/Sydney", "2027-12-31 year end",
                        "every 90d from 2027-10-03 falls on 1 Jan 2028; 7/1 days before: 25 Dec 00:00 AEDT, 31 Dec 00:00 AEDT",
                        "2027-10-03", "2027-12-01T12:00:00Z", ANY_TIME, before(7, 1), "2028-01-01",
                        "2027-12-24T13:00:00Z", "2027-12-30T13:00:00Z"),
                every90Days("Australia/Sydney", "2027-04-30 month end",
                        "every 90d from 2027-01-31 falls on 1 May; 31/1 days before: 31 Mar 00:00 AEDT, 30 Apr 00:00 AEST",
                        "2027-01-31", "2027-03-01T12:00:00Z", ANY_TIME, before(31, 1), "2027-05-01",
                        "2027-03-30T13:00:00Z", "2027-04-29T14:00:00Z"),
                quarterly("Australia/Sydney", "2027-04-01 quarter",
                        "30/7/1 days before 1 Apr: 2 Mar 00:00 AEDT, 25 Mar 00:00 AEDT, 31 Mar 00:00 AEDT",
                        "2027-02-20T12:00:00Z", ANY_TIME, before(30, 7, 1), "2027-04-01",
                        "2027-03-01T13:00:00Z", "2027-03-24T13:00:00Z", "2027-03-30T13:00:00Z"),
                quarterly("Australia/Sydney", "2028-01-01 quarter",
                        "90/62/55/1 days before 1 Jan 2028: 3 Oct 00:00 AEST, 31 Oct 00:00 AEDT, 7 Nov 00:00 AEDT, 31 Dec 00:00 AEDT",
                        "2027-10-02T12:00:00Z", ANY_TIME, before(90, 62, 55, 1), "2028-01-01",
                        "2027-10-02T14:00:00Z", "2027-10-30T13:00:00Z", "2027-11-06T13:00:00Z", "2027-12-30T13:00:00Z"),
                quarterly("Australia/Sydney", "2028-01-01 quarter",
                        "7/1/0 days before Sat 1 Jan 2028 in business hours (the 0d step waits for Monday): 27 Dec 09:00 AEDT, 31 Dec 09:00 AEDT, 3 Jan 09:00 AEDT",
                        "2027-12-01T12:00:00Z", BUSINESS_HOURS, before(7, 1, 0), "2028-01-01",
                        "2027-12-26T22:00:00Z", "2027-12-30T22:00:00Z", "2028-01-02T22:00:00Z"),
                quarterly("Australia/Sydney", "2028-04-01 quarter",
                        "33/32/31/5 days before 1 Apr 2028: 28 Feb 00:00 AEDT, 29 Feb 00:00 AEDT, 1 Mar 00:00 AEDT, 27 Mar 00:00 AEDT",
                        "2028-02-01T12:00:00Z", ANY_TIME, before(33, 32, 31, 5), "2028-04-01",
                        "2028-02-27T13:00:00Z", "2028-02-28T13:00:00Z", "2028-02-29T13:00:00Z", "2028-03-26T13:00:00Z"),
                quarterly("Australia/Sydney", "2027-07-01 quarter",
                        "89/88/87 days before 1 Jul: 3 Apr 00:00 AEDT, 4 Apr 00:00 AEDT, 5 Apr 00:00 AEST",
                        "2027-04-02T12:00:00Z", ANY_TIME, before(89, 88, 87), "2027-07-01",
                        "2027-04-02T13:00:00Z", "2027-04-03T13:00:00Z", "2027-04-04T14:00:00Z"),
                // Asia/Kolkata
                renewal("Asia/Kolkata", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before, at the start of each day: 1 Nov 00:00 IST, 1 Dec 00:00 IST, 31 Dec 00:00 IST, 30 Jan 00:00 IST",
                        "2028-02-29", "2027-10-15T12:00:00Z", ANY_TIME, before(120, 90, 60, 30),
                        "2027-10-31T18:30:00Z", "2027-11-30T18:30:00Z", "2027-12-30T18:30:00Z", "2028-01-29T18:30:00Z"),
                renewal("Asia/Kolkata", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before in business hours (30 Jan is a Sunday): 1 Nov 09:00 IST, 1 Dec 09:00 IST, 31 Dec 09:00 IST, 31 Jan 09:00 IST",
                        "2028-02-29", "2027-10-15T12:00:00Z", BUSINESS_HOURS, before(120, 90, 60, 30),
                        "2027-11-01T03:30:00Z", "2027-12-01T03:30:00Z", "2027-12-31T03:30:00Z", "2028-01-31T03:30:00Z"),
                renewal("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)",
                        "renewal on 2027-04-27, 31/30/29 days before: 27 Mar 00:00 IST, 28 Mar 00:00 IST, 29 Mar 00:00 IST",
                        "2027-04-27", "2027-02-16T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-03-26T18:30:00Z", "2027-03-27T18:30:00Z", "2027-03-28T18:30:00Z"),
                renewal("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)",
                        "renewal on 2027-11-30, 31/30/29 days before: 30 Oct 00:00 IST, 31 Oct 00:00 IST, 1 Nov 00:00 IST",
                        "2027-11-30", "2027-09-21T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-10-29T18:30:00Z", "2027-10-30T18:30:00Z", "2027-10-31T18:30:00Z"),
                renewal("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)",
                        "renewal on 2027-05-02 planned Sun 28 Mar 12:00 IST, 60/40/20 days before in business hours: the 60d step has passed and is skipped, the 40d one runs at the next opening: skipped 3 Mar 09:00 IST, 29 Mar 09:00 IST, 12 Apr 09:00 IST",
                        "2027-05-02", "2027-03-28T06:30:00Z", BUSINESS_HOURS, before(60, 40, 20),
                        "skipped 2027-03-03T03:30:00Z", "2027-03-29T03:30:00Z", "2027-04-12T03:30:00Z"),
                every90Days("Asia/Kolkata", "2028-02-29 leap day",
                        "every 90d from 2027-12-01 falls on 29 Feb; 30/7/1 days before: 30 Jan 00:00 IST, 22 Feb 00:00 IST, 28 Feb 00:00 IST",
                        "2027-12-01", "2028-01-01T12:00:00Z", ANY_TIME, before(30, 7, 1), "2028-02-29",
                        "2028-01-29T18:30:00Z", "2028-02-21T18:30:00Z", "2028-02-27T18:30:00Z"),
                every90Days("Asia/Kolkata", "2028-02-29 leap day",
                        "every 90d from 2027-12-02 falls on 1 Mar; 2/1/0 days before: 28 Feb 00:00 IST, 29 Feb 00:00 IST, 1 Mar 00:00 IST",
                        "2027-12-02", "2028-02-01T12:00:00Z", ANY_TIME, before(2, 1, 0), "2028-03-01",
                        "2028-02-27T18:30:00Z", "2028-02-28T18:30:00Z", "2028-02-29T18:30:00Z"),
                every90Days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)",
                        "every 90d from 2026-12-29 falls on Mon 2027-03-29; 2/1/0 days before: 27 Mar 00:00 IST, 28 Mar 00:00 IST, 29 Mar 00:00 IST",
                        "2026-12-29", "2027-03-08T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-03-29",
                        "2027-03-26T18:30:00Z", "2027-03-27T18:30:00Z", "2027-03-28T18:30:00Z"),
                every90Days("Asia/Kolkata", "2027-10-31 (Europe falls back, Kolkata has no DST)",
                        "every 90d from 2027-08-03 falls on Mon 2027-11-01; 2/1/0 days before: 30 Oct 00:00 IST, 31 Oct 00:00 IST, 1 Nov 00:00 IST",
                        "2027-08-03", "2027-10-11T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-11-01",
                        "2027-10-29T18:30:00Z", "2027-10-30T18:30:00Z", "2027-10-31T18:30:00Z"),
                every90Days("Asia/Kolkata", "2027-03-28 (Europe springs forward, Kolkata has no DST)",
                        "every 90d from 2026-12-29 falls on Mon 2027-03-29; 3/1 days before at 09:30: 26 Mar 09:30 IST, 28 Mar 09:30 IST",
                        "2026-12-29", "2027-03-08T12:00:00Z", AT_0930, before(3, 1), "2027-03-29",
                        "2027-03-26T04:00:00Z", "2027-03-28T04:00:00Z"),
                every90Days("Asia/Kolkata", "2027-12-31 year end",
                        "every 90d from 2027-10-03 falls on 1 Jan 2028; 7/1 days before: 25 Dec 00:00 IST, 31 Dec 00:00 IST",
                        "2027-10-03", "2027-12-01T12:00:00Z", ANY_TIME, before(7, 1), "2028-01-01",
                        "2027-12-24T18:30:00Z", "2027-12-30T18:30:00Z"),
                every90Days("Asia/Kolkata", "2027-04-30 month end",
                        "every 90d from 2027-01-31 falls on 1 May; 31/1 days before: 31 Mar 00:00 IST, 30 Apr 00:00 IST",
                        "2027-01-31", "2027-03-01T12:00:00Z", ANY_TIME, before(31, 1), "2027-05-01",
                        "2027-03-30T18:30:00Z", "2027-04-29T18:30:00Z"),
                quarterly("Asia/Kolkata", "2027-04-01 quarter",
                        "30/7/1 days before 1 Apr: 2 Mar 00:00 IST, 25 Mar 00:00 IST, 31 Mar 00:00 IST",
                        "2027-02-20T12:00:00Z", ANY_TIME, before(30, 7, 1), "2027-04-01",
                        "2027-03-01T18:30:00Z", "2027-03-24T18:30:00Z", "2027-03-30T18:30:00Z"),
                quarterly("Asia/Kolkata", "2028-01-01 quarter",
                        "90/62/55/1 days before 1 Jan 2028: 3 Oct 00:00 IST, 31 Oct 00:00 IST, 7 Nov 00:00 IST, 31 Dec 00:00 IST",
                        "2027-10-02T12:00:00Z", ANY_TIME, before(90, 62, 55, 1), "2028-01-01",
                        "2027-10-02T18:30:00Z", "2027-10-30T18:30:00Z", "2027-11-06T18:30:00Z", "2027-12-30T18:30:00Z"),
                quarterly("Asia/Kolkata", "2028-01-01 quarter",
                        "7/1/0 days before Sat 1 Jan 2028 in business hours (the 0d step waits for Monday): 27 Dec 09:00 IST, 31 Dec 09:00 IST, 3 Jan 09:00 IST",
                        "2027-12-01T12:00:00Z", BUSINESS_HOURS, before(7, 1, 0), "2028-01-01",
                        "2027-12-27T03:30:00Z", "2027-12-31T03:30:00Z", "2028-01-03T03:30:00Z"),
                quarterly("Asia/Kolkata", "2028-04-01 quarter",
                        "33/32/31/5 days before 1 Apr 2028: 28 Feb 00:00 IST, 29 Feb 00:00 IST, 1 Mar 00:00 IST, 27 Mar 00:00 IST",
                        "2028-02-01T12:00:00Z", ANY_TIME, before(33, 32, 31, 5), "2028-04-01",
                        "2028-02-27T18:30:00Z", "2028-02-28T18:30:00Z", "2028-02-29T18:30:00Z", "2028-03-26T18:30:00Z"),
                quarterly("Asia/Kolkata", "2027-07-01 quarter",
                        "89/88/87 days before 1 Jul: 3 Apr 00:00 IST, 4 Apr 00:00 IST, 5 Apr 00:00 IST",
                        "2027-04-02T12:00:00Z", ANY_TIME, before(89, 88, 87), "2027-07-01",
                        "2027-04-02T18:30:00Z", "2027-04-03T18:30:00Z", "2027-04-04T18:30:00Z"),
                // UTC
                renewal("UTC", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before, at the start of each day: 1 Nov 00:00 UTC, 1 Dec 00:00 UTC, 31 Dec 00:00 UTC, 30 Jan 00:00 UTC",
                        "2028-02-29", "2027-10-15T12:00:00Z", ANY_TIME, before(120, 90, 60, 30),
                        "2027-11-01T00:00:00Z", "2027-12-01T00:00:00Z", "2027-12-31T00:00:00Z", "2028-01-30T00:00:00Z"),
                renewal("UTC", "2028-02-29 leap-day renewal",
                        "120/90/60/30 days before in business hours (30 Jan is a Sunday): 1 Nov 09:00 UTC, 1 Dec 09:00 UTC, 31 Dec 09:00 UTC, 31 Jan 09:00 UTC",
                        "2028-02-29", "2027-10-15T12:00:00Z", BUSINESS_HOURS, before(120, 90, 60, 30),
                        "2027-11-01T09:00:00Z", "2027-12-01T09:00:00Z", "2027-12-31T09:00:00Z", "2028-01-31T09:00:00Z"),
                renewal("UTC", "2027-03-14 (US springs forward, UTC has no DST)",
                        "renewal on 2027-04-13, 31/30/29 days before: 13 Mar 00:00 UTC, 14 Mar 00:00 UTC, 15 Mar 00:00 UTC",
                        "2027-04-13", "2027-02-02T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-03-13T00:00:00Z", "2027-03-14T00:00:00Z", "2027-03-15T00:00:00Z"),
                renewal("UTC", "2027-11-07 (US falls back, UTC has no DST)",
                        "renewal on 2027-12-07, 31/30/29 days before: 6 Nov 00:00 UTC, 7 Nov 00:00 UTC, 8 Nov 00:00 UTC",
                        "2027-12-07", "2027-09-28T12:00:00Z", ANY_TIME, before(31, 30, 29),
                        "2027-11-06T00:00:00Z", "2027-11-07T00:00:00Z", "2027-11-08T00:00:00Z"),
                renewal("UTC", "2027-03-14 (US springs forward, UTC has no DST)",
                        "renewal on 2027-04-18 planned Sun 14 Mar 12:00 UTC, 60/40/20 days before in business hours: the 60d step has passed and is skipped, the 40d one runs at the next opening: skipped 17 Feb 09:00 UTC, 15 Mar 09:00 UTC, 29 Mar 09:00 UTC",
                        "2027-04-18", "2027-03-14T12:00:00Z", BUSINESS_HOURS, before(60, 40, 20),
                        "skipped 2027-02-17T09:00:00Z", "2027-03-15T09:00:00Z", "2027-03-29T09:00:00Z"),
                every90Days("UTC", "2028-02-29 leap day",
                        "every 90d from 2027-12-01 falls on 29 Feb; 30/7/1 days before: 30 Jan 00:00 UTC, 22 Feb 00:00 UTC, 28 Feb 00:00 UTC",
                        "2027-12-01", "2028-01-01T12:00:00Z", ANY_TIME, before(30, 7, 1), "2028-02-29",
                        "2028-01-30T00:00:00Z", "2028-02-22T00:00:00Z", "2028-02-28T00:00:00Z"),
                every90Days("UTC", "2028-02-29 leap day",
                        "every 90d from 2027-12-02 falls on 1 Mar; 2/1/0 days before: 28 Feb 00:00 UTC, 29 Feb 00:00 UTC, 1 Mar 00:00 UTC",
                        "2027-12-02", "2028-02-01T12:00:00Z", ANY_TIME, before(2, 1, 0), "2028-03-01",
                        "2028-02-28T00:00:00Z", "2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z"),
                every90Days("UTC", "2027-03-14 (US springs forward, UTC has no DST)",
                        "every 90d from 2026-12-15 falls on Mon 2027-03-15; 2/1/0 days before: 13 Mar 00:00 UTC, 14 Mar 00:00 UTC, 15 Mar 00:00 UTC",
                        "2026-12-15", "2027-02-22T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-03-15",
                        "2027-03-13T00:00:00Z", "2027-03-14T00:00:00Z", "2027-03-15T00:00:00Z"),
                every90Days("UTC", "2027-11-07 (US falls back, UTC has no DST)",
                        "every 90d from 2027-08-10 falls on Mon 2027-11-08; 2/1/0 days before: 6 Nov 00:00 UTC, 7 Nov 00:00 UTC, 8 Nov 00:00 UTC",
                        "2027-08-10", "2027-10-18T12:00:00Z", ANY_TIME, before(2, 1, 0), "2027-11-08",
                        "2027-11-06T00:00:00Z", "2027-11-07T00:00:00Z", "2027-11-08T00:00:00Z"),
                every90Days("UTC", "2027-03-14 (US springs forward, UTC has no DST)",
                        "every 90d from 2026-12-15 falls on Mon 2027-03-15; 3/1 days before at 09:30: 12 Mar 09:30 UTC, 14 Mar 09:30 UTC",
                        "2026-12-15", "2027-02-22T12:00:00Z", AT_0930, before(3, 1), "2027-03-15",
                        "2027-03-12T09:30:00Z", "2027-03-14T09:30:00Z"),
                every90Days("UTC", "2027-12-31 year end",
                        "every 90d from 2027-10-03 falls on 1 Jan 2028; 7/1 days before: 25 Dec 00:00 UTC, 31 Dec 00:00 UTC",
                        "2027-10-03", "2027-12-01T12:00:00Z", ANY_TIME, before(7, 1), "2028-01-01",
                        "2027-12-25T00:00:00Z", "2027-12-31T00:00:00Z"),
                every90Days("UTC", "2027-04-30 month end",
                        "every 90d from 2027-01-31 falls on 1 May; 31/1 days before: 31 Mar 00:00 UTC, 30 Apr 00:00 UTC",
                        "2027-01-31", "2027-03-01T12:00:00Z", ANY_TIME, before(31, 1), "2027-05-01",
                        "2027-03-31T00:00:00Z", "2027-04-30T00:00:00Z"),
                quarterly("UTC", "2027-04-01 quarter",
                        "30/7/1 days before 1 Apr: 2 Mar 00:00 UTC, 25 Mar 00:00 UTC, 31 Mar 00:00 UTC",
                        "2027-02-20T12:00:00Z", ANY_TIME, before(30, 7, 1), "2027-04-01",
                        "2027-03-02T00:00:00Z", "2027-03-25T00:00:00Z", "2027-03-31T00:00:00Z"),
                quarterly("UTC", "2028-01-01 quarter",
                        "90/62/55/1 days before 1 Jan 2028: 3 Oct 00:00 UTC, 31 Oct 00:00 UTC, 7 Nov 00:00 UTC, 31 Dec 00:00 UTC",
                        "2027-10-02T12:00:00Z", ANY_TIME, before(90, 62, 55, 1), "2028-01-01",
                        "2027-10-03T00:00:00Z", "2027-10-31T00:00:00Z", "2027-11-07T00:00:00Z", "2027-12-31T00:00:00Z"),
                quarterly("UTC", "2028-01-01 quarter",
                        "7/1/0 days before Sat 1 Jan 2028 in business hours (the 0d step waits for Monday): 27 Dec 09:00 UTC, 31 Dec 09:00 UTC, 3 Jan 09:00 UTC",
                        "2027-12-01T12:00:00Z", BUSINESS_HOURS, before(7, 1, 0), "2028-01-01",
                        "2027-12-27T09:00:00Z", "2027-12-31T09:00:00Z", "2028-01-03T09:00:00Z"),
                quarterly("UTC", "2028-04-01 quarter",
                        "33/32/31/5 days before 1 Apr 2028: 28 Feb 00:00 UTC, 29 Feb 00:00 UTC, 1 Mar 00:00 UTC, 27 Mar 00:00 UTC",
                        "2028-02-01T12:00:00Z", ANY_TIME, before(33, 32, 31, 5), "2028-04-01",
                        "2028-02-28T00:00:00Z", "2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z", "2028-03-27T00:00:00Z"),
                quarterly("UTC", "2027-07-01 quarter",
                        "89/88/87 days before 1 Jul: 3 Apr 00:00 UTC, 4 Apr 00:00 UTC, 5 Apr 00:00 UTC",
                        "2027-04-02T12:00:00Z", ANY_TIME, before(89, 88, 87), "2027-07-01",
                        "2027-04-03T00:00:00Z", "2027-04-04T00:00:00Z", "2027-04-05T00:00:00Z")
        );
    }

    private static int[] before(int... days) {
        return days;
    }

    private static Occurrence renewal(String zone, String when, String story, String renewalOn, String now,
                                      SendWindow window, int[] before, String... due) {
        return new Occurrence(zone, when, story, Cadence.Kind.RENEWAL, null, LocalDate.parse(renewalOn), Instant.parse(now),
                window, before, LocalDate.parse(renewalOn), due);
    }

    private static Occurrence every90Days(String zone, String when, String story, String startedOn, String now,
                                          SendWindow window, int[] before, String occursOn, String... due) {
        return new Occurrence(zone, when, story, Cadence.Kind.EVERY, LocalDate.parse(startedOn), null, Instant.parse(now),
                window, before, LocalDate.parse(occursOn), due);
    }

    private static Occurrence quarterly(String zone, String when, String story, String now,
                                        SendWindow window, int[] before, String occursOn, String... due) {
        return new Occurrence(zone, when, story, Cadence.Kind.QUARTER, LocalDate.of(2025, 1, 1), null, Instant.parse(now),
                window, before, LocalDate.parse(occursOn), due);
    }

    record Occurrence(String zone, String when, String story, Cadence.Kind kind, LocalDate startedOn, LocalDate renewalOn,
                      Instant now, SendWindow window, int[] before, LocalDate occursOn, String[] due) {

        PlayDefinition play() {
            List<StepDefinition> steps = Arrays.stream(before).mapToObj(days -> new StepDefinition(StepType.TASK, Span.ZERO,
                    "csm", days + " days to go", null, "NORMAL", Span.ofDays(3), List.of(), null, window, false,
                    Span.ofDays(days))).toList();
            return new PlayDefinition("cadence", "Cadence", null, Span.ZERO, steps, null,
                    new Cadence(kind, kind == Cadence.Kind.EVERY ? 90 : 0, Set.of(), Set.of()));
        }

        @Override
        public String toString() {
            return zone + " " + when + ": " + story;
        }
    }
}
