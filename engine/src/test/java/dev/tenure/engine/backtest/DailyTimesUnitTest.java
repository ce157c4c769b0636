package dev.tenure.engine.backtest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backtest evaluates every account when the live daily evaluation would have run: 06:00 on the wall
 * clock of the default time zone, every day, whatever the clocks did overnight.
 */
class DailyTimesUnitTest {

    @ParameterizedTest(name = "{0}, from {1} to {2}: 06:00 local each day is {3}, {4}, {5}")
    @CsvSource({
            "Europe/Berlin,    2027-03-27T00:00:00Z, 2027-03-30T00:00:00Z, 2027-03-27T05:00:00Z, 2027-03-28T04:00:00Z, 2027-03-29T04:00:00Z",
            "Australia/Sydney, 2027-04-02T12:00:00Z, 2027-04-05T00:00:00Z, 2027-04-02T19:00:00Z, 2027-04-03T20:00:00Z, 2027-04-04T20:00:00Z",
            "America/New_York, 2027-11-06T00:00:00Z, 2027-11-09T00:00:00Z, 2027-11-06T10:00:00Z, 2027-11-07T11:00:00Z, 2027-11-08T11:00:00Z",
            "Asia/Kolkata,     2028-02-28T00:00:00Z, 2028-03-02T00:00:00Z, 2028-02-28T00:30:00Z, 2028-02-29T00:30:00Z, 2028-03-01T00:30:00Z",
            "UTC,              2026-12-30T00:00:00Z, 2027-01-02T00:00:00Z, 2026-12-30T06:00:00Z, 2026-12-31T06:00:00Z, 2027-01-01T06:00:00Z",
            "Pacific/Kiritimati, 2028-02-27T00:00:00Z, 2028-03-01T00:00:00Z, 2028-02-27T16:00:00Z, 2028-02-28T16:00:00Z, 2028-02-29T16:00:00Z",
            "Pacific/Pago_Pago, 2027-12-30T00:00:00Z, 2028-01-02T00:00:00Z, 2027-12-30T17:00:00Z, 2027-12-31T17:00:00Z, 2028-01-01T17:00:00Z",
            "America/St_Johns, 2027-03-13T00:00:00Z, 2027-03-16T00:00:00Z, 2027-03-13T09:30:00Z, 2027-03-14T08:30:00Z, 2027-03-15T08:30:00Z",
            "Asia/Kathmandu,   2028-02-28T00:00:00Z, 2028-03-02T00:00:00Z, 2028-02-28T00:15:00Z, 2028-02-29T00:15:00Z, 2028-03-01T00:15:00Z",
            "Europe/London,    2027-10-30T00:00:00Z, 2027-11-02T00:00:00Z, 2027-10-30T05:00:00Z, 2027-10-31T06:00:00Z, 2027-11-01T06:00:00Z",
            // Offsets written from UTC, as ZoneId reads them: java.util.TimeZone does not know these ids and answers GMT.
            "UTC+05:45,        2028-02-28T00:00:00Z, 2028-03-02T00:00:00Z, 2028-02-28T00:15:00Z, 2028-02-29T00:15:00Z, 2028-03-01T00:15:00Z",
            "UTC-03:30,        2027-03-13T00:00:00Z, 2027-03-16T00:00:00Z, 2027-03-13T09:30:00Z, 2027-03-14T09:30:00Z, 2027-03-15T09:30:00Z",
            "UT+14,            2028-02-27T00:00:00Z, 2028-03-01T00:00:00Z, 2028-02-27T16:00:00Z, 2028-02-28T16:00:00Z, 2028-02-29T16:00:00Z",
    })
    void the_daily_evaluation_keeps_its_local_time_across_the_calendars_edges(String zone, Instant from, Instant to,
                                                                             Instant first, Instant second, Instant third) {
        List<Instant> times = DailyTimes.between("0 0 6 * * ?", ZoneId.of(zone), from, to);

        assertThat(times).containsExactly(first, second, third);
    }
}
