package dev.tenure.api.ops;

import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.PageNotFoundException;
import dev.tenure.api.pages.TablePage;
import dev.tenure.api.pages.TableQuery;
import dev.tenure.api.pages.Viewer;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.mail.Email;
import dev.tenure.engine.mail.EmailComposer;
import dev.tenure.engine.mail.Emails;
import dev.tenure.engine.mail.RenderedEmail;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.schedule.TemplateModel;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import jakarta.servlet.http.HttpServletRequest;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The email log for CS ops: every email written, searchable, sortable and paged, with account names; one
 * email with its body as it was sent; a template of the rules in force previewed with a chosen account; and
 * the emails the guardrails held back.
 */
@Page
@RequestMapping("/ops/emails")
class EmailsPage {

    /** The latest emails the table reads, or the latest that match its search: a search reaches every email. */
    private static final int SCANNED = 5_000;
    private static final int HELD_BACK_SHOWN = 50;
    private static final int ACCOUNTS_OFFERED = 500;
    /** Stands in for the unsubscribe link in a preview: a preview must never carry a working one. */
    static final String PREVIEW_UNSUBSCRIBE = "#unsubscribe-link-of-the-sent-email";

    private final Emails emails;
    private final Timeline timeline;
    private final AccountNames names;
    private final Accounts accounts;
    private final Contacts contacts;
    private final ActiveRuleSet active;
    private final EmailComposer composer;
    private final JsonColumns json;
    private final EngineProperties properties;
    private final PersonTimeZones zones;

    EmailsPage(Emails emails, Timeline timeline, AccountNames names, Accounts accounts, Contacts contacts,
               ActiveRuleSet active, EmailComposer composer, JsonColumns json, EngineProperties properties,
               PersonTimeZones zones) {
        this.emails = emails;
        this.timeline = timeline;
        this.names = names;
        this.accounts = accounts;
        this.contacts = contacts;
        this.active = active;
        this.composer = composer;
        this.json = json;
        this.properties = properties;
        this.zones = zones;
    }

    /** An email as the table shows it, with its account's name. */
    record EmailRow(Email email, String accountName) {

        String searchable() {
            return accountName + " " + email.accountId() + " " + email.recipient() + " " + email.subject() + " " + email.status();
        }
    }

    /** An email the guardrails held back, with its account's name. */
    record HeldBack(TimelineEntry entry, String accountName) {
    }

    private static final Map<String, Comparator<EmailRow>> ORDERS = Map.of(
            "when", Comparator.comparing((EmailRow r) -> r.email().createdAt()).thenComparingLong(r -> r.email().id()),
            "status", Comparator.comparing((EmailRow r) -> r.email().status().name()).thenComparingLong(r -> r.email().id()),
            "to", Comparator.comparing((EmailRow r) -> r.email().recipient(), String.CASE_INSENSITIVE_ORDER)
                    .thenComparingLong(r -> r.email().id()),
            "subject", Comparator.comparing((EmailRow r) -> r.email().subject(), String.CASE_INSENSITIVE_ORDER)
                    .thenComparingLong(r -> r.email().id()),
            "account", Comparator.comparing(EmailRow::accountName, String.CASE_INSENSITIVE_ORDER)
                    .thenComparingLong(r -> r.email().id()));

    @GetMapping
    String emails(HttpServletRequest request, Model model) {
        Viewer viewer = OpsViewer.require(request, model);
        TableQuery query = TableQuery.of(request, List.of("when", "status", "to", "subject", "account"), true);
        List<Email> written = query.search() == null || query.search().isBlank() ? emails.list(null, SCANNED)
                : emails.matching(query.search(), SCANNED);
        List<TimelineEntry> held = timeline.latestOfTypes(List.of("email.suppressed", "email.deferred"), HELD_BACK_SHOWN);
        Map<String, String> accountNames = names.of(Stream.concat(written.stream().map(Email::accountId),
                held.stream().map(TimelineEntry::accountId)).toList());
        TablePage<EmailRow> page = query.apply(written.stream().map(e -> new EmailRow(e, accountNames.get(e.accountId()))).toList(),
                ORDERS, EmailRow::searchable);
        model.addAttribute("emails", page);
        model.addAttribute("heldBack", held.stream().map(h -> new HeldBack(h, accountNames.get(h.accountId()))).toList());
        model.addAttribute("templates", active.get().templateIds());
        model.addAttribute("accounts", accounts.list(null, ACCOUNTS_OFFERED, 0));
        model.addAttribute("times", zones.timesOf(viewer.email()));
        return "ops/emails";
    }

    /** One email with its body as sent, cleaned of anything that could run or load on this page. */
    @GetMapping("/{id:\\d+}")
    String email(HttpServletRequest request, @PathVariable long id, Model model) {
        Viewer viewer = OpsViewer.require(request, model);
        Email email = emails.find(id).orElseThrow(() -> new PageNotFoundException("email " + id));
        model.addAttribute("email", email);
        model.addAttribute("accountName", names.of(List.of(email.accountId())).get(email.accountId()));
        model.addAttribute("body", shown(email.body()));
        model.addAttribute("times", zones.timesOf(viewer.email()));
        return "ops/email";
    }

    /**
     * A template of the rules in force filled in for an account, as a play would write it to the account's
     * first reachable contact (or to its CSM when it has none); nothing is stored or sent.
     */
    @GetMapping("/preview")
    String preview(HttpServletRequest request, @RequestParam String template, @RequestParam String account, Model model) {
        OpsViewer.require(request, model);
        RuleSet ruleSet = active.get();
        String text = ruleSet.template(template.strip())
                .orElseThrow(() -> new PageNotFoundException("template '" + template.strip() + "' of the rules in force"));
        Account chosen = accounts.find(account.strip()).orElseThrow(() -> new PageNotFoundException("account " + account.strip()));
        Contact contact = contacts.of(chosen.id()).stream().filter(Contact::reachable).findFirst().orElse(null);
        Map<String, Object> values = TemplateModel.of(json, chosen, contact,
                new Why("(preview)", ruleSet.version(), Map.of()));
        if (contact != null) {
            values.put(EmailComposer.UNSUBSCRIBE_URL, PREVIEW_UNSUBSCRIBE);
        } else {
            values.put(EmailComposer.ACCOUNT_URL, properties.links().account(chosen.id()));
        }
        model.addAttribute("template", template.strip());
        model.addAttribute("account", chosen);
        model.addAttribute("recipient", contact != null ? contact.email() : chosen.csm());
        model.addAttribute("version", ruleSet.version());
        try {
            RenderedEmail rendered = composer.render(text, values);
            model.addAttribute("subject", rendered.subject());
            model.addAttribute("body", shown(rendered.html()));
        } catch (RuntimeException e) {
            model.addAttribute("problem", "Template '" + template.strip() + "' could not be filled in for " + chosen.name()
                    + ": " + e.getMessage());
        }
        return "ops/email-preview";
    }

    /**
     * An email's HTML as this page may show it: no scripts, styles, frames or event handlers (the pages'
     * policy would refuse them anyway), links kept but opening elsewhere.
     */
    static String shown(String html) {
        Safelist allowed = Safelist.relaxed().removeTags("img").addAttributes("a", "rel")
                .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");
        return Jsoup.clean(Jsoup.parse(html == null ? "" : html).body().html(), allowed);
    }
}
