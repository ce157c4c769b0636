package dev.tenure.api.accountpages;

import dev.tenure.api.pages.ForbiddenPageException;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.PageNotFoundException;
import dev.tenure.api.pages.Viewer;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.health.HealthReports;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.vocabulary.Account;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.Duration;

/** One account for its CSM or CS ops: facts, health now and over 90 days, the timeline, running plays. */
@Page
class AccountPage {

    private static final Duration TREND = Duration.ofDays(90);

    private final Accounts accounts;
    private final HealthScores health;
    private final PlayRuns plays;
    private final Timeline timeline;
    private final Clock clock;
    private final HealthReports healthReports;

    AccountPage(Accounts accounts, HealthScores health, PlayRuns plays, Timeline timeline, Clock clock,
                HealthReports healthReports) {
        this.accounts = accounts;
        this.healthReports = healthReports;
        this.health = health;
        this.plays = plays;
        this.timeline = timeline;
        this.clock = clock;
    }

    @GetMapping("/accounts/{id}")
    String account(HttpServletRequest request, @PathVariable String id, @RequestParam(defaultValue = "50") int entries,
                   Model model) {
        Viewer viewer = Viewer.of(request);
        Account account = accounts.find(id).orElseThrow(() -> new PageNotFoundException("account " + id));
        if (!viewer.mayOpen(account)) {
            // The name too is the owner's to see: say only that the account is not theirs.
            throw new ForbiddenPageException("Account " + id + " is another CSM's account.");
        }
        int shown = Math.min(Math.max(entries, 1), 1000);
        model.addAttribute("viewer", viewer);
        model.addAttribute("account", account);
        model.addAttribute("health", health.latest(id).orElse(null));
        // Each component's share of the score, and the change over 30 and 90 days.
        model.addAttribute("healthNow", healthReports.account(id, clock.instant()).orElse(null));
        // A score is kept per evaluation; a few a day over 90 days is well under this.
        model.addAttribute("chart", HealthChart.of(health.history(id, 2000), clock.instant(), TREND));
        model.addAttribute("chartWidth", HealthChart.WIDTH);
        model.addAttribute("chartHeight", HealthChart.HEIGHT);
        model.addAttribute("timeline", timeline.of(id, shown + 1).stream().limit(shown).toList());
        model.addAttribute("moreTimeline", timeline.of(id, shown + 1).size() > shown);
        model.addAttribute("entries", shown);
        model.addAttribute("runningPlays", plays.list(id, "RUNNING", 50));
        return "accounts/account";
    }
}
