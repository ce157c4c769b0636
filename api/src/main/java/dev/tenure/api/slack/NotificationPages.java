package dev.tenure.api.slack;

import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.Viewer;
import dev.tenure.api.people.People;
import dev.tenure.api.people.Person;
import dev.tenure.api.people.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where CS ops and admins (SecurityConfiguration's URL rule for {@code /admin/notifications}) connect Slack
 * channels: a webhook per CSM or one for the whole team, its address shown masked once saved; and the latest
 * posts with their status, so a webhook that stopped working shows.
 */
@Page
@RequestMapping("/admin/notifications")
class NotificationPages {

    private static final int RECENT = 50;
    private static final int LONGEST_CHANNEL = 80;

    private final SlackWebhooks webhooks;
    private final SlackPosts posts;
    private final People people;
    private final SlackProperties settings;
    private final SlackClient slack;
    private final Clock clock;

    NotificationPages(SlackWebhooks webhooks, SlackPosts posts, People people, SlackProperties settings, SlackClient slack,
                      Clock clock) {
        this.slack = slack;
        this.webhooks = webhooks;
        this.posts = posts;
        this.people = people;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping
    String page(HttpServletRequest request, Model model) {
        model.addAttribute("viewer", Viewer.of(request));
        model.addAttribute("webhooks", webhooks.list());
        model.addAttribute("posts", posts.recent(RECENT));
        model.addAttribute("csms", csms());
        return "slack/notifications";
    }

    @PostMapping
    String add(HttpServletRequest request, @RequestParam(defaultValue = "") String scope, @RequestParam(defaultValue = "") String csm,
               @RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String url,
               RedirectAttributes flash) {
        try {
            WebhookScope whose = scope(scope);
            String owner = whose == WebhookScope.CSM ? csm(csm) : null;
            String name = channel(channel);
            WebhookUrl address = WebhookUrl.parse("url", url, settings.plainHttpHosts());
            webhooks.add(whose, owner, name, address, Viewer.of(request).email(), clock.instant());
            flash.addFlashAttribute("notice", "Slack channel " + name + " now hears of every new high-priority task of "
                    + (owner == null ? "every CSM" : owner) + " (webhook " + address.masked() + ").");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", "No webhook was added. " + e.getMessage());
        }
        return "redirect:/admin/notifications";
    }

    /** Posts a message saying so to the channel now, so whoever connected it sees it works (or why not). */
    @PostMapping("/{id}/test")
    String test(HttpServletRequest request, @PathVariable long id, RedirectAttributes flash) {
        var webhook = webhooks.address(id);
        if (webhook.isEmpty()) {
            flash.addFlashAttribute("problem", "No webhook " + id + " to test (removed?).");
            return "redirect:/admin/notifications";
        }
        SlackClient.Result result = slack.post(webhook.get().url(), "Tenure test message, sent by "
                + SlackMessage.escape(Viewer.of(request).email()) + ": new high-priority tasks will be posted here.");
        if (result.ok()) {
            flash.addFlashAttribute("notice", "Test message sent to " + webhook.get().channel() + ".");
        } else {
            flash.addFlashAttribute("problem", "The test message did not reach " + webhook.get().channel() + ": " + result.problem());
        }
        return "redirect:/admin/notifications";
    }

    @PostMapping("/{id}/remove")
    String remove(@PathVariable long id, RedirectAttributes flash) {
        if (webhooks.remove(id)) {
            flash.addFlashAttribute("notice", "Webhook removed: its channel hears of no more tasks.");
        } else {
            flash.addFlashAttribute("problem", "No webhook " + id + " to remove (removed already?).");
        }
        return "redirect:/admin/notifications";
    }

    /** The people a CSM webhook may be for: active CSMs, by name. */
    private List<Person> csms() {
        return people.list().stream().filter(p -> p.enabled() && p.roles().contains(Role.CSM))
                .sorted(Comparator.comparing((Person p) -> p.displayName().toLowerCase(Locale.ROOT)).thenComparing(Person::email))
                .toList();
    }

    private static WebhookScope scope(String text) {
        try {
            return WebhookScope.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scope: choose a CSM's tasks or the whole team's");
        }
    }

    private String csm(String text) {
        String email = text.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw new IllegalArgumentException("csm: choose the CSM whose tasks the channel hears of");
        }
        if (people.find(email).filter(p -> p.enabled() && p.roles().contains(Role.CSM)).isEmpty()) {
            throw new IllegalArgumentException("csm: " + email + " is not an active CSM in Tenure");
        }
        return email;
    }

    private static String channel(String text) {
        String name = text.strip();
        if (name.isEmpty() || name.length() > LONGEST_CHANNEL || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("channel: name the channel (\"#cs-alerts\"), at most " + LONGEST_CHANNEL + " characters");
        }
        return name;
    }
}
