package dev.tenure.api.people;

import java.time.Instant;
import java.util.Set;

/** Someone who signs in; the email is the login and the address accounts and tasks name them by. */
public record Person(long id, String email, String displayName, Set<Role> roles, boolean enabled, Instant createdAt) {

    public boolean seesEverything() {
        return roles.contains(Role.ADMIN) || roles.contains(Role.CS_OPS);
    }
}
