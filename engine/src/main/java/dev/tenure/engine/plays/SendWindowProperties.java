package dev.tenure.engine.plays;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalTime;

/**
 * Business hours for steps with {@code window: business-hours} ({@code tenure.send-window.*}), in the
 * recipient's local time.
 *
 * @param start the first minute a step may go out (inclusive)
 * @param end   the end of the window (exclusive): a step due at 17:00 waits for the next business day
 */
@ConfigurationProperties("tenure.send-window")
public record SendWindowProperties(@DefaultValue("09:00") @DateTimeFormat(pattern = "HH:mm") LocalTime start,
                                   @DefaultValue("17:00") @DateTimeFormat(pattern = "HH:mm") LocalTime end) {

    public SendWindowProperties {
        // Fails the start with the setting's values rather than sending at surprising hours.
        hours(start, end);
    }

    public SendWindow.BusinessHours hours() {
        return hours(start, end);
    }

    private static SendWindow.BusinessHours hours(LocalTime start, LocalTime end) {
        try {
            return new SendWindow.BusinessHours(start, end);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tenure.send-window: " + e.getMessage(), e);
        }
    }
}
