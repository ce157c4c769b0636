package dev.tenure.api.accountpages;

import dev.tenure.api.pages.ForbiddenPageException;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.PageNotFoundException;
import dev.tenure.api.pages.Viewer;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.api.timezone.ZonedTimes;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.activity.AccountActivity;
import dev.tenure.engine.activity.ActivityEntry;
import dev.tenure.engine.activity.ActivityKind;
import dev.tenure.engine.health.AccountHealth;
import dev.tenure.engine.health.HealthReports;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.schedule.StepTexts;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.vocabulary.Account;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One account for its CSM or CS ops: facts, contacts, health now and over 90 days, open tasks and running
 * plays each with why they exist, and the timeline with the account's signals, a page at a time.
 */
@Page
class AccountPage {

    private static final Duration TREND = Duration.ofDays(90);
    /** Timeline entries a page. */
    static final int PER_PAGE = 50;
    /** The timeline filter's value for every kind of signal at once. */
    static final String SIGNALS = ActivityKind.SIGNALS;

    private final Accounts accounts;
    private final Contacts contacts;
    private final HealthScores health;
    private final HealthReports healthReports;
    private final PlayRuns plays;
    private final Inbox inbox;
    private final AccountActivity activity;
    private final StepTexts stepTexts;
    private final WhyPanels whys;
    private final PersonTimeZones zones;

    AccountPage(Accounts accounts, Contacts contacts, HealthScores health, HealthReports healthReports, PlayRuns plays,
                Inbox inbox, AccountActivity activity, StepTexts stepTexts, WhyPanels whys, PersonTimeZones zones) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.health = health;
        this.healthReports = healthReports;
        this.plays = plays;
        this.inbox = inbox;
        this.activity = activity;
        this.stepTexts = stepTexts;
        this.whys = whys;
        this.zones = zones;
    }

    @GetMapping("/accounts/{id}")
    String account(HttpServletRequest request, @PathVariable String id, @RequestParam(defaultValue = "1") int page,
                   @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String why, Model model) {
        Viewer viewer = Viewer.of(request);
        Account account = accounts.find(id).orElseThrow(() -> new PageNotFoundException("account " + id));
        // A task handed over from another CSM's account opens that account, so its holder can see why it exists.
        if (!viewer.mayOpen(account) && !inbox.holdsTaskAt(viewer.email(), id)) {
            // The name too is the owner's to see: say only that the account is not theirs.
            throw new ForbiddenPageException("Account " + id + " is another CSM's account.");
        }
        ZonedTimes times = zones.timesOf(viewer.email());
        model.addAttribute("viewer", viewer);
        model.addAttribute("times", times);
        model.addAttribute("account", account);
        model.addAttribute("contacts", contacts.of(id));
        model.addAttribute("health", health.latest(id).orElse(null));
        // Each component's share of the score, the change over 30 and 90 days, and the last score of each day over 90.
        Optional<AccountHealth> healthNow = healthReports.account(id, times.now());
        model.addAttribute("healthNow", healthNow.orElse(null));
        // A score is kept per evaluation, so a busy account has many a day: the trend draws a day's last, as the API
        // gives them, and so reaches back the whole 90 days however often the account was evaluated.
        model.addAttribute("chart", HealthChart.of(healthNow.map(AccountHealth::history).orElse(List.of()), times.now(), TREND,
                times.zone()));
        model.addAttribute("chartWidth", HealthChart.WIDTH);
        model.addAttribute("chartHeight", HealthChart.HEIGHT);
        model.addAttribute("plotLeft", HealthChart.LEFT);
        model.addAttribute("plotRight", HealthChart.RIGHT);
        model.addAttribute("plotBottom", HealthChart.BOTTOM);
        model.addAttribute("tasks", tasks(id, viewer));
        model.addAttribute("runningPlays", plays.list(id, RunStatus.RUNNING, 50).stream().map(run -> running(run, account)).toList());
        // The inbox's "Why?" of a task opens that task's panel ("task-12"); anything else opens none.
        model.addAttribute("whyOpen", why);
        timeline(model, id, Math.max(page, 1), kind);
        return "accounts/account";
    }

    private void timeline(Model model, String id, int page, String kind) {
        Set<ActivityKind> kinds;
        try {
            kinds = kinds(kind);
        } catch (IllegalArgumentException e) {
            // A hand-edited address: say what is wrong and show the whole timeline.
            model.addAttribute("problem", e.getMessage());
            kinds = EnumSet.noneOf(ActivityKind.class);
            kind = "";
        }
        List<ActivityEntry> entries = activity.page(id, kinds, (page - 1) * PER_PAGE, PER_PAGE + 1);
        model.addAttribute("timeline", entries.stream().limit(PER_PAGE).toList());
        model.addAttribute("timelinePage", page);
        model.addAttribute("timelineNext", entries.size() > PER_PAGE);
        model.addAttribute("timelineKind", kind.isBlank() ? "" : kind.strip().toLowerCase(java.util.Locale.ROOT));
        model.addAttribute("timelineKinds", Arrays.stream(ActivityKind.values()).toList());
        model.addAttribute("signalsKey", SIGNALS);
    }

    /** The timeline filter: nothing for everything, {@value ActivityKind#SIGNALS} for every signal, or one kind. */
    static Set<ActivityKind> kinds(String kind) {
        return ActivityKind.filter("kind", kind);
    }

    private List<AccountTask> tasks(String id, Viewer viewer) {
        List<AccountTask> tasks = new ArrayList<>();
        Stream.of(TaskStatus.OPEN, TaskStatus.SNOOZED)
                .flatMap(status -> inbox.list(new TaskQuery(null, id, status, null, 50)).stream())
                .forEach(t -> tasks.add(new AccountTask(t, whys.of("task", t.id()).orElse(WhyPanel.byHand("task", t.id())),
                        inboxLink(t, viewer))));
        return tasks;
    }

    /** The task in its owner's inbox: CS ops open another person's inbox by naming its owner. */
    private static String inboxLink(dev.tenure.engine.tasks.Task task, Viewer viewer) {
        String owner = viewer.email().equalsIgnoreCase(task.owner()) ? ""
                : "?owner=" + URLEncoder.encode(task.owner(), StandardCharsets.UTF_8);
        return "/inbox" + owner + (task.status() == TaskStatus.SNOOZED ? (owner.isEmpty() ? "?" : "&") + "view=snoozed" : "")
                + "#task-" + task.id();
    }

    private RunningPlay running(PlayRunView run, Account account) {
        List<PendingStep> pending = run.steps().stream()
                .filter(s -> s.status() == StepStatus.SCHEDULED || s.status() == StepStatus.PAUSED)
                .map(s -> new PendingStep(s.id(), s.type().name().toLowerCase(java.util.Locale.ROOT),
                        s.definition() == null ? "" : stepTexts.title(s.definition(), account, run.why()), s.dueAt(),
                        s.status() == StepStatus.PAUSED))
                .toList();
        return new RunningPlay(run.id(), run.playName(), run.startedAt(), pending, whys.of("play", run.id()).orElse(null));
    }
}
