package dev.tenure.api.accounts;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.health.HealthViews;
import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.api.people.Visibility;
import dev.tenure.api.plays.RunView;
import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.StageChange;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.activity.AccountActivity;
import dev.tenure.engine.activity.ActivityEntry;
import dev.tenure.engine.activity.ActivityKind;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.ContactSignal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Accounts: the list, one account with its health and running plays, its timeline, and the history of its
 * contacts and stage (its health and trend: {@code health.HealthController}).
 * A CSM sees only the accounts they are CSM of ({@link Visibility}).
 */
@Tag(name = "Accounts", description = "Accounts with their contacts, health and running plays; their timeline and history.")
@RestController
@RequestMapping("/api/accounts")
class AccountController {

    private final Accounts accounts;
    private final Contacts contacts;
    private final HealthScores health;
    private final PlayRuns plays;
    private final AccountActivity activity;
    private final AccountHistory history;
    private final Visibility visibility;

    AccountController(Accounts accounts, Contacts contacts, HealthScores health, PlayRuns plays, AccountActivity activity,
                      AccountHistory history, Visibility visibility) {
        this.visibility = visibility;
        this.history = history;
        this.accounts = accounts;
        this.contacts = contacts;
        this.health = health;
        this.plays = plays;
        this.activity = activity;
    }

    @Operation(summary = "List accounts by name")
    @GetMapping
    ApiPage<AccountViews.AccountBody> list(@RequestParam(required = false) String csm, @ParameterObject PageQuery paging) {
        String narrowed = visibility.narrowTo(csm, "accounts").orElse(null);
        return ApiPage.of(accounts.list(narrowed, paging.size(), Math.toIntExact(paging.offset())), accounts.count(narrowed), paging)
                .map(AccountViews.AccountBody::of);
    }

    @Operation(summary = "Read one account")
    @GetMapping("/{id}")
    AccountView get(@PathVariable String id) {
        Account account = accounts.find(id).orElseThrow(() -> new NotFoundException("account " + id));
        visibility.requireAccount(id);
        return new AccountView(AccountViews.AccountBody.of(account), contacts.of(id).stream().map(AccountViews.ContactBody::of).toList(),
                HealthViews.ScoreView.of(health.latest(id).orElse(null)),
                plays.list(id, RunStatus.RUNNING, 50).stream().map(RunView::of).toList());
    }

    /**
     * One page of the account's timeline, newest first: what happened in Tenure and the signals the account sent,
     * as the account page shows it; {@code kind} narrows it to one kind, or {@code signals} to every signal.
     */
    @Operation(summary = "One page of an account's timeline, newest first, signals included; kind narrows it")
    @GetMapping("/{id}/timeline")
    ApiPage<TimelineItem> timeline(@PathVariable String id, @RequestParam(required = false) String kind,
                                   @ParameterObject PageQuery paging) {
        requireAccount(id);
        Set<ActivityKind> kinds = ActivityKind.filter("kind", kind);
        List<ActivityEntry> entries = activity.page(id, kinds, (int) paging.offset(), paging.size());
        return ApiPage.of(entries.stream().map(TimelineItem::of).toList(), activity.count(id, kinds), paging);
    }

    /**
     * One line of the timeline: {@code type} ({@code task.completed}, {@code signal.ticket}), {@code kind} (what
     * {@code kind=} narrows to, null for a type no kind names), {@code signal}: sent by the account.
     */
    record TimelineItem(Instant at, String type, String kind, boolean signal, String summary, String ref) {
        static TimelineItem of(ActivityEntry e) {
            return new TimelineItem(e.at(), e.type(), e.kind() == null ? null : e.kind().key(), e.signal(), e.summary(), e.ref());
        }
    }

    /** The account's contact and stage changes, newest first; {@code email}: one contact's only. */
    @Operation(summary = "An account's contact and stage changes")
    @GetMapping("/{id}/history")
    HistoryView history(@PathVariable String id, @RequestParam(required = false) String email,
                        @RequestParam(defaultValue = "200") int limit) {
        requireAccount(id);
        int shown = Math.min(Math.max(limit, 1), 1000);
        List<ContactChangeView> contactChanges = history.contactChangesOf(id, email == null ? shown : 10_000).stream()
                .filter(c -> email == null || c.email().equalsIgnoreCase(email)).limit(shown).map(ContactChangeView::of).toList();
        return new HistoryView(contactChanges, email != null ? List.of()
                : history.stageChangesOf(id, shown).stream().map(StageChangeView::of).toList());
    }

    private void requireAccount(String id) {
        if (accounts.find(id).isEmpty()) {
            throw new NotFoundException("account " + id);
        }
        visibility.requireAccount(id);
    }

    /** What changed about an account's contacts and stage, newest first. */
    record HistoryView(List<ContactChangeView> contacts, List<StageChangeView> stages) {
    }

    /**
     * A change to a contact: {@code from}/{@code to} are the roles of a ROLE_CHANGED, "true"/"false" otherwise,
     * the role for an ADDED; {@code role}, {@code active} and {@code unsubscribed} the contact right after it.
     */
    record ContactChangeView(String email, String change, String from, String to, String role, boolean active,
                             boolean unsubscribed, Instant at, String cause) {
        static ContactChangeView of(ContactSignal c) {
            return new ContactChangeView(c.email(), c.change().name(), c.oldValue(), c.newValue(), c.role().name(), c.active(),
                    c.unsubscribed(), c.occurredAt(), c.source());
        }
    }

    /** A stage change; {@code from} is null for the stage the account was created in. */
    record StageChangeView(String from, String to, Instant at, String origin, String cause) {
        static StageChangeView of(StageChange c) {
            return new StageChangeView(c.from() == null ? null : c.from().name(), c.to().name(), c.occurredAt(),
                    c.origin().name(), c.cause());
        }
    }

    /** An account with its contacts, current health (null before the first signal) and running plays. */
    record AccountView(AccountViews.AccountBody account, List<AccountViews.ContactBody> contacts, HealthViews.ScoreView health,
                       List<RunView> runningPlays) {
    }
}
