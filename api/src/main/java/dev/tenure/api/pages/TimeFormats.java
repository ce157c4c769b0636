package dev.tenure.api.pages;

import dev.tenure.engine.EngineProperties;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times on pages, in Tenure's default time zone (templates call it as {@code @timeFormats}), and the
 * date and time fields of forms read back in that zone.
 */
@Component("timeFormats")
public class TimeFormats {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy");

    private final ZoneId zone;

    public TimeFormats(EngineProperties properties) {
        this.zone = properties.defaultTimezone();
    }

    public String show(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant.atZone(zone));
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(zone));
    }

    /** For a {@code datetime} attribute. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String zone() {
        return zone.getId();
    }

    /** A form's {@code datetime-local} ("2026-12-01T09:00") or {@code date} ("2026-12-01", 09:00) field. */
    public Instant read(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": a date is needed");
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atTime(9, 0).atZone(zone).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a date (2026-12-01) or a date and time (2026-12-01T09:00)");
        }
    }
}
