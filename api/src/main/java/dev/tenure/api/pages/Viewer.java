package dev.tenure.api.pages;

import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.vocabulary.Account;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is looking at a page and what they may see: a CSM sees the accounts and tasks they own; CS ops and
 * admins see everything. Read from the plain servlet API only (the principal's name is the user's email),
 * so the login machinery can change without any page changing.
 */
public record Viewer(String email, boolean csOps, boolean admin) {

    public static Viewer of(HttpServletRequest request) {
        return signedIn(request).orElseThrow(NotSignedInException::new);
    }

    /** The viewer, if someone is signed in: pages anyone may reach (an error page) still show who and a sign-out. */
    public static Optional<Viewer> signedIn(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Viewer(principal.getName().strip().toLowerCase(Locale.ROOT), request.isUserInRole("CS_OPS"),
                request.isUserInRole("ADMIN")));
    }

    public boolean seesEverything() {
        return csOps || admin;
    }

    public boolean mayOpen(Account account) {
        return seesEverything() || email.equalsIgnoreCase(String.valueOf(account.csm()));
    }

    public boolean mayWorkOn(Task task) {
        return seesEverything() || email.equalsIgnoreCase(task.owner());
    }
}
