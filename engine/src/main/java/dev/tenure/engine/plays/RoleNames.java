package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.ContactRole;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Contact roles as play files spell them: lower case, {@code exec_sponsor}. */
final class RoleNames {

    private RoleNames() {
    }

    static boolean known(String role) {
        return Arrays.stream(ContactRole.values()).anyMatch(r -> r.name().equalsIgnoreCase(role));
    }

    static String list() {
        return Arrays.stream(ContactRole.values()).map(r -> r.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
