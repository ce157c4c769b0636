package dev.tenure.engine.plays;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendWindowUnitTest {

    private static final SendWindow.BusinessHours NINE_TO_FIVE = new SendWindow.BusinessHours(LocalTime.of(9, 0), LocalTime.of(17, 0));
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static final SendWindow BUSINESS_HOURS = new SendWindow(true, false, null);
    private static final SendWindow BUSINESS_DAYS = new SendWindow(false, true, null);

    private static SendWindow at(String time) {
        return new SendWindow(false, false, LocalTime.parse(time));
    }

    private static Instant earliest(SendWindow window, String notBefore, ZoneId zone) {
        return window.earliest(Instant.parse(notBefore), zone, NINE_TO_FIVE);
    }

    @Test
    void aStepWithoutAWindowGoesOutWhenItsDelayHasPassed() {
        assertThat(earliest(SendWindow.ANY_TIME, "2026-03-28T23:17:00Z", BERLIN)).isEqualTo("2026-03-28T23:17:00Z");
    }

    // BusinessHours

    @Test
    void businessHours_withinTheHoursOfAWeekdayItGoesOutAtOnce() {
        // Wednesday 11:00 in UTC
        assertThat(earliest(BUSINESS_HOURS, "2026-11-25T11:00:00Z", UTC)).isEqualTo("2026-11-25T11:00:00Z");
    }

    @Test
    void businessHours_beforeOpeningItWaitsForNineOClockLocal() {
        // Wednesday 06:00 in Berlin (CET, UTC+1) waits for 09:00 CET
        assertThat(earliest(BUSINESS_HOURS, "2026-11-25T05:00:00Z", BERLIN)).isEqualTo("2026-11-25T08:00:00Z");
    }

    @Test
    void businessHours_exactlyAtOpeningItGoesOutAtOnce() {
        assertThat(earliest(BUSINESS_HOURS, "2026-11-25T09:00:00Z", UTC)).isEqualTo("2026-11-25T09:00:00Z");
    }

    @Test
    void businessHours_exactlyAtClosingItWaitsForTheNextBusinessMorning() {
        assertThat(earliest(BUSINESS_HOURS, "2026-11-25T17:00:00Z", UTC)).isEqualTo("2026-11-26T09:00:00Z");
    }

    @Test
    void businessHours_aMinuteBeforeClosingItStillGoesOut() {
        assertThat(earliest(BUSINESS_HOURS, "2026-11-25T16:59:00Z", UTC)).isEqualTo("2026-11-25T16:59:00Z");
    }

    @Test
    void businessHours_afterHoursOnFridayItWaitsForMonday() {
        // Friday 2026-11-27 18:00
        assertThat(earliest(BUSINESS_HOURS, "2026-11-27T18:00:00Z", UTC)).isEqualTo("2026-11-30T09:00:00Z");
    }

    @Test
    void businessHours_onTheWeekendItWaitsForMonday() {
        // Saturday and Sunday noon
        assertThat(earliest(BUSINESS_HOURS, "2026-11-28T12:00:00Z", UTC)).isEqualTo("2026-11-30T09:00:00Z");
        assertThat(earliest(BUSINESS_HOURS, "2026-11-29T12:00:00Z", UTC)).isEqualTo("2026-11-30T09:00:00Z");
    }

    @Test
    void businessHours_theWeekendIsTheRecipientsNotUtcs() {
        // Sunday 23:30 UTC is already Monday 08:30 in Tokyo: it goes out at 09:00 Tokyo time that Monday
        assertThat(earliest(BUSINESS_HOURS, "2026-11-29T23:30:00Z", ZoneId.of("Asia/Tokyo"))).isEqualTo("2026-11-30T00:00:00Z");
        // Friday 17:30 in UTC is still Friday 12:30 in New York (EST): it goes out at once
        assertThat(earliest(BUSINESS_HOURS, "2026-11-27T17:30:00Z", NEW_YORK)).isEqualTo("2026-11-27T17:30:00Z");
    }

    @Test
    void businessHours_overASpringForwardWeekendMondayOpensOnSummerTime() {
        // Friday 2026-03-27 17:30 CET; clocks go forward on Sunday 29th; Monday 09:00 CEST is 07:00 UTC
        assertThat(earliest(BUSINESS_HOURS, "2026-03-27T16:30:00Z", BERLIN)).isEqualTo("2026-03-30T07:00:00Z");
    }

    @Test
    void businessHours_overAFallBackWeekendMondayOpensOnWinterTime() {
        // Friday 2026-10-23 after hours (CEST); clocks go back on Sunday 25th; Monday 09:00 CET is 08:00 UTC
        assertThat(earliest(BUSINESS_HOURS, "2026-10-23T16:00:00Z", BERLIN)).isEqualTo("2026-10-26T08:00:00Z");
        // New York: back on Sunday 2026-11-01; Monday 09:00 EST is 14:00 UTC
        assertThat(earliest(BUSINESS_HOURS, "2026-10-31T12:00:00Z", NEW_YORK)).isEqualTo("2026-11-02T14:00:00Z");
    }

    @Test
    void businessHours_theHoursAreConfigurable() {
        var early = new SendWindow.BusinessHours(LocalTime.of(7, 30), LocalTime.of(12, 0));
        assertThat(BUSINESS_HOURS.earliest(Instant.parse("2026-11-25T06:00:00Z"), UTC, early)).isEqualTo("2026-11-25T07:30:00Z");
        assertThat(BUSINESS_HOURS.earliest(Instant.parse("2026-11-25T12:00:00Z"), UTC, early)).isEqualTo("2026-11-26T07:30:00Z");
    }

    @Test
    void businessHours_hoursThatEndBeforeTheyStartAreRefused() {
        assertThatThrownBy(() -> new SendWindow.BusinessHours(LocalTime.of(17, 0), LocalTime.of(9, 0)))
                .hasMessageContaining("start before they end");
    }

    // BusinessDays

    @Test
    void businessDays_onAWeekdayItGoesOutAtAnyHour() {
        assertThat(earliest(BUSINESS_DAYS, "2026-11-25T23:45:00Z", UTC)).isEqualTo("2026-11-25T23:45:00Z");
    }

    @Test
    void businessDays_onTheWeekendItWaitsForMondayMidnightLocal() {
        // Saturday 2026-11-28 in Berlin (CET): Monday 00:00 CET is Sunday 23:00 UTC
        assertThat(earliest(BUSINESS_DAYS, "2026-11-28T10:00:00Z", BERLIN)).isEqualTo("2026-11-29T23:00:00Z");
    }

    @Test
    void businessDays_overTheSpringForwardWeekendMondayStartsOnSummerTime() {
        // Saturday 2026-03-28 in Berlin: Monday 00:00 CEST is Sunday 22:00 UTC
        assertThat(earliest(BUSINESS_DAYS, "2026-03-28T10:00:00Z", BERLIN)).isEqualTo("2026-03-29T22:00:00Z");
    }

    @Test
    void businessDays_withATimeOfDayItSkipsTheWeekend() {
        // Friday 2026-11-27 10:00 UTC, after 09:30: next weekday 09:30 is Monday
        var weekdaysAtHalfPastNine = new SendWindow(false, true, LocalTime.of(9, 30));
        assertThat(earliest(weekdaysAtHalfPastNine, "2026-11-27T10:00:00Z", UTC)).isEqualTo("2026-11-30T09:30:00Z");
        assertThat(earliest(weekdaysAtHalfPastNine, "2026-11-27T09:00:00Z", UTC)).isEqualTo("2026-11-27T09:30:00Z");
    }

    // TimeOfDay

    @Test
    void timeOfDay_laterTheSameDayWhenThatTimeIsStillAhead() {
        assertThat(earliest(at("09:30"), "2026-11-25T08:00:00Z", UTC)).isEqualTo("2026-11-25T09:30:00Z");
    }

    @Test
    void timeOfDay_exactlyAtThatTimeItGoesOutAtOnce() {
        assertThat(earliest(at("09:30"), "2026-11-25T09:30:00Z", UTC)).isEqualTo("2026-11-25T09:30:00Z");
    }

    @Test
    void timeOfDay_theNextDayWhenThatTimeHasPassed() {
        assertThat(earliest(at("09:30"), "2026-11-25T09:31:00Z", UTC)).isEqualTo("2026-11-26T09:30:00Z");
    }

    @Test
    void timeOfDay_weekendsCountUnlessBusinessDaysAreAsked() {
        // Saturday 2026-11-28
        assertThat(earliest(at("09:30"), "2026-11-28T08:00:00Z", UTC)).isEqualTo("2026-11-28T09:30:00Z");
    }

    @Test
    void timeOfDay_aTimeInTheSpringForwardGapMovesForwardByTheGap() {
        // Berlin skips 02:00–03:00 on 2026-03-29: 02:30 becomes 03:30 CEST, 01:30 UTC
        assertThat(earliest(at("02:30"), "2026-03-28T23:00:00Z", BERLIN)).isEqualTo("2026-03-29T01:30:00Z");
        // New York skips 02:00–03:00 on 2026-03-08: 02:30 becomes 03:30 EDT, 07:30 UTC
        assertThat(earliest(at("02:30"), "2026-03-08T05:00:00Z", NEW_YORK)).isEqualTo("2026-03-08T07:30:00Z");
    }

    @Test
    void timeOfDay_aTimeOfDayKeepsItsLocalHourAcrossTheChange() {
        // 09:30 in Berlin is 08:30 UTC in winter and 07:30 UTC in summer
        assertThat(earliest(at("09:30"), "2026-03-28T09:00:00Z", BERLIN)).isEqualTo("2026-03-29T07:30:00Z");
        // 09:30 in New York is 14:30 UTC on Saturday 2026-03-07 (EST) and 13:30 UTC on Sunday (EDT)
        assertThat(earliest(at("09:30"), "2026-03-07T15:00:00Z", NEW_YORK)).isEqualTo("2026-03-08T13:30:00Z");
    }

    @Test
    void timeOfDay_aTimeThatHappensTwiceOnAFallBackDayGoesOutAtTheFirst() {
        // Berlin repeats 02:00–03:00 on 2026-10-25: 02:30 CEST is 00:30 UTC, 02:30 CET is 01:30 UTC
        assertThat(earliest(at("02:30"), "2026-10-24T22:00:00Z", BERLIN)).isEqualTo("2026-10-25T00:30:00Z");
    }

    @Test
    void timeOfDay_aTimeThatHappensTwiceGoesOutAtTheSecondWhenDueBetweenThem() {
        assertThat(earliest(at("02:30"), "2026-10-25T01:00:00Z", BERLIN)).isEqualTo("2026-10-25T01:30:00Z");
        // New York repeats 01:00–02:00 on 2026-11-01: 01:30 EDT is 05:30 UTC, 01:30 EST is 06:30 UTC
        assertThat(earliest(at("01:30"), "2026-11-01T06:00:00Z", NEW_YORK)).isEqualTo("2026-11-01T06:30:00Z");
    }

    @Test
    void timeOfDay_afterBothOccurrencesItWaitsForTheNextDay() {
        assertThat(earliest(at("02:30"), "2026-10-25T01:31:00Z", BERLIN)).isEqualTo("2026-10-26T01:30:00Z");
    }
}
