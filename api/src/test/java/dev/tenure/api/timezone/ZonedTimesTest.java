package dev.tenure.api.timezone;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Times as a person reads them: days of their zone, presets at 9:00 there, daylight saving time included. */
class ZonedTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    @Test
    void overdue_days_are_calendar_days_of_the_readers_zone() {
        // Monday 07:30 in Berlin: a task due Friday 23:00 Berlin time is three days late, one due at 06:00 today is late since then.
        ZonedTimes monday = new ZonedTimes(BERLIN, at("2026-03-09T07:30", BERLIN));

        assertThat(monday.overdueBy(at("2026-03-06T23:00", BERLIN))).isEqualTo("overdue by 3 days");
        assertThat(monday.overdueBy(at("2026-03-08T23:59", BERLIN))).isEqualTo("overdue by 1 day");
        assertThat(monday.overdueBy(at("2026-03-09T06:00", BERLIN))).isEqualTo("overdue since 06:00");
        // Saturday 03:00 in Berlin is still Friday evening in New York: one more day late there.
        Instant saturdayNightInBerlin = at("2026-03-07T03:00", BERLIN);
        assertThat(monday.overdueBy(saturdayNightInBerlin)).isEqualTo("overdue by 2 days");
        assertThat(new ZonedTimes(NEW_YORK, monday.now()).overdueBy(saturdayNightInBerlin)).isEqualTo("overdue by 3 days");
    }

    @Test
    void a_due_time_to_the_second_shows_as_its_day_and_a_chosen_time_with_its_zone() {
        ZonedTimes times = new ZonedTimes(BERLIN, at("2026-12-09T15:00", BERLIN));

        assertThat(times.due(at("2026-12-11T15:00:07.250", BERLIN))).isEqualTo("Fri 11 Dec 2026");
        assertThat(times.due(at("2026-12-11T09:00", BERLIN))).isEqualTo("Fri 11 Dec 2026, 09:00 CET");
        assertThat(times.due(at("2026-07-01T09:00", BERLIN))).isEqualTo("Wed 1 Jul 2026, 09:00 CEST");
    }

    @Test
    void presets_are_nine_in_the_morning_of_the_readers_zone_across_a_change_of_clocks() {
        // Friday 27 March 2026 in Berlin; the clocks go forward on Sunday the 29th.
        ZonedTimes friday = new ZonedTimes(BERLIN, at("2026-03-27T16:00", BERLIN));

        assertThat(friday.tomorrowMorning()).isEqualTo(at("2026-03-28T09:00", BERLIN));
        assertThat(friday.nextMondayMorning()).isEqualTo(at("2026-03-30T09:00", BERLIN));
        assertThat(friday.inAWeekMorning()).isEqualTo(at("2026-04-03T09:00", BERLIN));
        assertThat(friday.show(friday.nextMondayMorning())).isEqualTo("Mon 30 Mar 2026, 09:00 CEST");
    }

    @Test
    void next_monday_on_a_monday_is_a_week_away() {
        ZonedTimes monday = new ZonedTimes(NEW_YORK, at("2026-12-07T08:00", NEW_YORK));

        assertThat(monday.nextMondayMorning()).isEqualTo(at("2026-12-14T09:00", NEW_YORK));
    }

    @Test
    void form_fields_are_read_in_the_readers_zone_and_a_bad_one_is_refused_by_name() {
        ZonedTimes times = new ZonedTimes(NEW_YORK, at("2026-12-07T08:00", NEW_YORK));

        assertThat(times.read("until", "2026-12-08T14:30")).isEqualTo(at("2026-12-08T14:30", NEW_YORK));
        assertThat(times.read("dueAt", "2026-12-08")).isEqualTo(at("2026-12-08T09:00", NEW_YORK));
        assertThatThrownBy(() -> times.read("until", "tomorrow"))
                .hasMessage("until: 'tomorrow' is not a date (2026-12-01) or a date and time (2026-12-01T09:00)");
    }

    @Test
    void only_iana_zone_names_are_taken() {
        assertThat(PersonTimeZones.parse("timeZone", " Asia/Kolkata ")).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThatThrownBy(() -> PersonTimeZones.parse("timeZone", "+05:30"))
                .hasMessage("timeZone: '+05:30' is not a time zone (an IANA name such as Europe/Berlin)");
        assertThatThrownBy(() -> PersonTimeZones.parse("timeZone", "")).hasMessage("timeZone: choose a time zone");
    }
}
