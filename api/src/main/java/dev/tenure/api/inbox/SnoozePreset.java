package dev.tenure.api.inbox;

import dev.tenure.api.timezone.ZonedTimes;

import java.time.Instant;
import java.util.List;

/** A snooze a CSM picks with one click: tomorrow, next Monday or a week from today, each at 9:00 in their zone. */
record SnoozePreset(String value, String label, Instant until) {

    static List<SnoozePreset> all(ZonedTimes times) {
        return List.of(
                new SnoozePreset("tomorrow", "Tomorrow 9:00", times.tomorrowMorning()),
                new SnoozePreset("monday", "Next Monday 9:00", times.nextMondayMorning()),
                new SnoozePreset("week", "In a week", times.inAWeekMorning()));
    }

    static Instant at(String value, ZonedTimes times) {
        return all(times).stream().filter(p -> p.value().equals(value)).findFirst().map(SnoozePreset::until)
                .orElseThrow(() -> new IllegalArgumentException("preset: '" + value + "' is none of tomorrow, monday, week"));
    }
}
