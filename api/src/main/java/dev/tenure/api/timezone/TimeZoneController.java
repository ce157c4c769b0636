package dev.tenure.api.timezone;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import dev.tenure.api.people.Visibility;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own time zone over REST. */
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
    @GetMapping
    TimeZoneSetting get() {
        return zones.chosen(visibility.actor()).map(z -> new TimeZoneSetting(z.getId(), true))
                .orElseGet(() -> new TimeZoneSetting(zones.fallback().getId(), false));
    }

    /** Chooses the zone the caller reads times in (an IANA name such as Europe/Berlin). */
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
