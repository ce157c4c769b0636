package dev.tenure.api.timezone;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import dev.tenure.api.people.Visibility;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own time zone over REST. */
@Tag(name = "Time zone", description = "The time zone the caller reads times in.")
@RestController
@RequestMapping("/api/users/me/time-zone")
class TimeZoneController {

    private final PersonTimeZones zones;
    private final Visibility visibility;

    TimeZoneController(PersonTimeZones zones, Visibility visibility) {
        this.zones = zones;
        this.visibility = visibility;
    }

    /** The zone the caller reads times in; {@code chosen} is false while Tenure's default stands in. */
    @Operation(summary = "The caller's time zone")
    @GetMapping
    TimeZoneSetting get() {
        return zones.chosen(visibility.actor()).map(z -> new TimeZoneSetting(z.getId(), true))
                .orElseGet(() -> new TimeZoneSetting(zones.fallback().getId(), false));
    }

    /** Chooses the zone the caller reads times in (an IANA name such as Europe/Berlin). */
    @Operation(summary = "Choose the caller's time zone")
    @PutMapping
    TimeZoneSetting put(@Valid @RequestBody Choice body) {
        return new TimeZoneSetting(zones.set(visibility.actor(), body.timeZone()).getId(), true);
    }

    record Choice(@NotBlank String timeZone) {
    }

    /** A person's zone, and whether they chose it. */
    record TimeZoneSetting(String timeZone, boolean chosen) {
    }
}
