package dev.tenure.api.people;

import org.springframework.security.authentication.LockedException;

import java.time.Duration;

/**
 * A sign-in refused before its password was looked at: its email or its client address failed too often.
 * The message is what the sign-in page shows. It says "this account" whether or not the email exists, so
 * it tells nobody which emails do.
 */
final class TooManySignIns extends LockedException {

    enum Scope {
        ACCOUNT("for this account"),
        ADDRESS("from your network address");

        private final String words;

        Scope(String words) {
            this.words = words;
        }
    }

    private final Scope scope;

    TooManySignIns(Scope scope, Duration retryAfter) {
        super("Too many failed sign-ins " + scope.words + "; try again in " + minutes(retryAfter) + ".");
        this.scope = scope;
    }

    Scope scope() {
        return scope;
    }

    /** Whole minutes, rounded up: "in 0 minutes" would be wrong while any wait is left. */
    private static String minutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
