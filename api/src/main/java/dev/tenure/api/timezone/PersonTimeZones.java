package dev.tenure.api.timezone;

import dev.tenure.engine.EngineProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Each person's time zone, an IANA name (Europe/Berlin), kept with the person. A person who has not chosen
 * one yet reads times in Tenure's default zone until their browser tells theirs.
 */
@Repository
public class PersonTimeZones {

    private final JdbcClient jdbc;
    private final ZoneId fallback;
    private final Clock clock;

    PersonTimeZones(JdbcClient jdbc, EngineProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.fallback = properties.defaultTimezone();
        this.clock = clock;
    }

    /** Times as this person reads them, now. */
    public ZonedTimes timesOf(String email) {
        return new ZonedTimes(of(email), clock.instant());
    }

    /** The zone the person chose, if they have. */
    public Optional<ZoneId> chosen(String email) {
        return jdbc.sql("SELECT time_zone FROM users WHERE email = ? AND time_zone IS NOT NULL")
                .param(normalize(email)).query(String.class).optional().map(ZoneId::of);
    }

    /** The zone to show this person times in: theirs, or Tenure's default until they have one. */
    public ZoneId of(String email) {
        return chosen(email).orElse(fallback);
    }

    public ZoneId fallback() {
        return fallback;
    }

    /** Stores the person's zone; a person who does not sign in to Tenure has none to store. */
    public ZoneId set(String email, String zone) {
        ZoneId parsed = parse("timeZone", zone);
        if (jdbc.sql("UPDATE users SET time_zone = ? WHERE email = ?").params(parsed.getId(), normalize(email)).update() != 1) {
            throw new IllegalArgumentException("email: " + email + " is not a person who signs in to Tenure");
        }
        return parsed;
    }

    /** Stores the zone only if the person has none yet: what a browser reports never overrides a choice. */
    public boolean setIfUnset(String email, String zone) {
        ZoneId parsed = parse("timeZone", zone);
        return jdbc.sql("UPDATE users SET time_zone = ? WHERE email = ? AND time_zone IS NULL")
                .params(parsed.getId(), normalize(email)).update() == 1;
    }

    /** The IANA zones a person may choose, by name. */
    public static Set<String> names() {
        return ZoneId.getAvailableZoneIds();
    }

    /**
     * An IANA zone name Java knows (Europe/Berlin, America/New_York, UTC); a bare offset (+02:00) is refused,
     * since it does not follow daylight saving time.
     */
    public static ZoneId parse(String field, String text) {
        String name = text == null ? "" : text.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(field + ": choose a time zone");
        }
        if (!ZoneId.getAvailableZoneIds().contains(name)) {
            throw new IllegalArgumentException(field + ": '" + name + "' is not a time zone (an IANA name such as Europe/Berlin)");
        }
        return ZoneId.of(name);
    }

    private static String normalize(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
