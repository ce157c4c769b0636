package dev.tenure.api.people;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How many failed sign-ins are tolerated ({@code tenure.sign-in.*}).
 *
 * @param maxFailuresPerAccount failed sign-ins for one email within {@code window} after which that email is
 *                              refused for {@code lockout}, even with the right password
 * @param maxFailuresPerAddress failed sign-ins from one client address (any emails) within {@code window} after
 *                              which that address is refused for {@code lockout}
 * @param window                how long failures are counted together, from the first of them
 * @param lockout               how long an email or address is refused once it reached its limit
 * @param maxTracked            at most this many emails, and this many addresses, are remembered; past it the
 *                              tallies that have run out go first, then the least recently used
 */
@ConfigurationProperties("tenure.sign-in")
record SignInProperties(@DefaultValue("5") int maxFailuresPerAccount,
                        @DefaultValue("20") int maxFailuresPerAddress,
                        @DefaultValue("15m") Duration window,
                        @DefaultValue("15m") Duration lockout,
                        @DefaultValue("10000") int maxTracked) {

    SignInProperties {
        atLeastOne("max-failures-per-account", maxFailuresPerAccount);
        atLeastOne("max-failures-per-address", maxFailuresPerAddress);
        atLeastOne("max-tracked", maxTracked);
        positive("window", window);
        positive("lockout", lockout);
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("tenure.sign-in." + name + " must be at least 1, was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("tenure.sign-in." + name + " must be a positive duration, was " + value);
        }
    }
}
