package dev.tenure.api.accounts;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.HealthScore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Accounts: the list, one account with its health and running plays, and its timeline (its health and
 * trend: {@code health.HealthController}).
 * A CSM sees only the accounts they are CSM of ({@link Visibility}).
 */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

    private final Accounts accounts;
    private final Contacts contacts;
    private final HealthScores health;
    private final PlayRuns plays;
    private final Timeline timeline;
    private final Visibility visibility;

    AccountController(Accounts accounts, Contacts contacts, HealthScores health, PlayRuns plays, Timeline timeline,
                      Visibility visibility) {
        this.visibility = visibility;
        this.accounts = accounts;
        this.contacts = contacts;
        this.health = health;
        this.plays = plays;
        this.timeline = timeline;
    }

    @GetMapping
    List<Account> list(@RequestParam(required = false) String csm, @RequestParam(defaultValue = "100") int limit,
                       @RequestParam(defaultValue = "0") int offset) {
        return accounts.list(visibility.narrowTo(csm, "accounts").orElse(null), Math.min(Math.max(limit, 1), 1000), Math.max(offset, 0));
    }

    @GetMapping("/{id}")
    AccountView get(@PathVariable String id) {
        Account account = accounts.find(id).orElseThrow(() -> new NotFoundException("account " + id));
        visibility.requireAccount(id);
        return new AccountView(account, contacts.of(id), health.latest(id).orElse(null), plays.list(id, "RUNNING", 50));
    }

    @GetMapping("/{id}/timeline")
    List<TimelineEntry> timeline(@PathVariable String id, @RequestParam(defaultValue = "200") int limit) {
        requireAccount(id);
        return timeline.of(id, Math.min(Math.max(limit, 1), 1000));
    }

    private void requireAccount(String id) {
        if (accounts.find(id).isEmpty()) {
            throw new NotFoundException("account " + id);
        }
        visibility.requireAccount(id);
    }

    /** An account with its contacts, current health (null before the first signal) and running plays. */
    record AccountView(Account account, List<Contact> contacts, HealthScore health, List<PlayRunView> runningPlays) {
    }
}
