package dev.tenure.api.people;

import java.time.Instant;
import java.util.Set;

/** Someone who signs in; the email is the login and the address accounts and tasks name them by. */
public record Person(long id, String email, String displayName, Set<Role> roles, boolean enabled, Instant createdAt) {

    /** The roles as people read them on a page: "ADMIN, CS_OPS". */
    public String roleNames() {
        return String.join(", ", roles.stream().sorted().map(Role::name).toList());
    }

    public boolean seesEverything() {
        return roles.contains(Role.ADMIN) || roles.contains(Role.CS_OPS);
    }
}
