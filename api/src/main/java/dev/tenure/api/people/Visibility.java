package dev.tenure.api.people;

import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.Tasks;
import dev.tenure.engine.vocabulary.Account;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides what the signed-in person may see: CS ops and admins see every account
 * and task; a CSM sees the accounts they are CSM of or hold a task at (one handed over to them), and
 * the tasks they own (or that sit on their accounts). Everything else is a 403 (or, in a list, left out).
 */
@Component
public class Visibility {

    private static final Set<String> SEE_EVERYTHING = Set.of(Role.ADMIN.authority(), Role.CS_OPS.authority());

    private final Accounts accounts;
    private final Tasks tasks;

    Visibility(Accounts accounts, Tasks tasks) {
        this.accounts = accounts;
        this.tasks = tasks;
    }

    /** The signed-in person's email: who did something, for the timeline and the rule set history. */
    public String actor() {
        return authentication().getName();
    }

    public boolean seesEverything() {
        return authentication().getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(SEE_EVERYTHING::contains);
    }

    /**
     * The CSM a list must be narrowed to: empty for those who see everything. A CSM asking for someone
     * else's list is refused rather than silently given their own.
     */
    public Optional<String> narrowTo(String asked, String what) {
        if (seesEverything()) {
            return Optional.ofNullable(asked);
        }
        if (asked != null && !asked.equalsIgnoreCase(actor())) {
            throw new AccessDeniedException(what + " of " + asked + " are not yours to see");
        }
        return Optional.of(actor());
    }

    public boolean maySee(Account account) {
        return seesEverything() || actor().equalsIgnoreCase(account.csm()) || tasks.holdsTaskAt(actor(), account.id());
    }

    public boolean maySeeAccount(String accountId) {
        return seesEverything() || accounts.find(accountId).map(this::maySee).orElse(false);
    }

    /** Passes for an unknown account, so the caller answers 404 as it would for anyone. */
    public void requireAccount(String accountId) {
        if (!seesEverything() && accounts.find(accountId).filter(a -> !maySee(a)).isPresent()) {
            throw new AccessDeniedException("account " + accountId + " belongs to another CSM");
        }
    }

    public void requireTask(Task task) {
        if (!seesEverything() && !actor().equalsIgnoreCase(task.owner()) && !maySeeAccount(task.accountId())) {
            throw new AccessDeniedException("task " + task.id() + " belongs to another CSM");
        }
    }

    private static Authentication authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            throw new AccessDeniedException("nobody is signed in");
        }
        return authentication;
    }
}
