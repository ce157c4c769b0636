package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.guardrails.Guardrails;
import dev.tenure.engine.guardrails.OutgoingEmail;
import dev.tenure.engine.guardrails.SendVerdict;
import dev.tenure.engine.guardrails.UnsubscribeLinks;
import dev.tenure.engine.mail.Delivery;
import dev.tenure.engine.mail.EmailComposer;
import dev.tenure.engine.mail.Emails;
import dev.tenure.engine.mail.Outbox;
import dev.tenure.engine.mail.RenderedEmail;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RecipientTimeZone;
import dev.tenure.engine.plays.RunState;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepRecipient;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.tasks.NewTask;
import dev.tenure.engine.tasks.Tasks;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a step does when it comes due: create a task in an inbox, or write an email. */
@Component
class StepActions {

    private static final Logger log = LoggerFactory.getLogger(StepActions.class);
    /** How a suppressed email step's result starts; it is on the timeline as {@code email.suppressed} already. */
    private static final String SUPPRESSED = "suppressed: ";

    private final Accounts accounts;
    private final Contacts contacts;
    private final PlayRuns runs;
    private final Tasks tasks;
    private final Outbox outbox;
    private final Emails emails;
    private final EmailComposer composer;
    private final ActiveRuleSet rules;
    private final Timeline timeline;
    private final JsonColumns json;
    private final StillApplies stillApplies;
    private final Guardrails guardrails;
    private final UnsubscribeLinks unsubscribeLinks;
    private final ZoneId defaultZone;

    StepActions(Accounts accounts, Contacts contacts, PlayRuns runs, Tasks tasks, Outbox outbox, Emails emails,
                EmailComposer composer, ActiveRuleSet rules, Timeline timeline, JsonColumns json,
                StillApplies stillApplies, Guardrails guardrails, UnsubscribeLinks unsubscribeLinks,
                EngineProperties engine) {
        this.stillApplies = stillApplies;
        this.guardrails = guardrails;
        this.unsubscribeLinks = unsubscribeLinks;
        this.defaultZone = engine.defaultTimezone();
        this.accounts = accounts;
        this.contacts = contacts;
        this.runs = runs;
        this.tasks = tasks;
        this.outbox = outbox;
        this.emails = emails;
        this.composer = composer;
        this.rules = rules;
        this.timeline = timeline;
        this.json = json;
    }

    /** Checks first that the step still applies; a skipped step is on the timeline with its reason. */
    StepResult carryOut(PlayStep step, Instant now) {
        Account account = accounts.find(step.accountId()).orElseThrow();
        Optional<String> noLonger = stillApplies.reasonToSkip(step, account, now);
        StepResult result;
        if (noLonger.isPresent()) {
            result = StepResult.skipped(noLonger.get());
        } else {
            Why why = runs.why(step.runId()).orElseThrow();
            result = switch (step.type()) {
                case TASK -> task(step, account, why, now);
                case EMAIL -> email(step, account, why, now);
            };
        }
        if ("SKIPPED".equals(result.status()) && !result.detail().startsWith(SUPPRESSED)) {
            timeline.record(new TimelineEntry(account.id(), now, "step.skipped",
                    "Step skipped: " + result.detail(), "step:" + step.id()));
        }
        return result;
    }

    private StepResult task(PlayStep step, Account account, Why why, Instant now) {
        StepDefinition def = step.definition();
        String owner = "csm".equalsIgnoreCase(def.owner()) ? account.csm() : def.owner();
        if (owner == null || owner.isBlank()) {
            return StepResult.failed("account " + account.id() + " has no CSM to own the task");
        }
        Map<String, Object> model = model(account, null, why);
        String title = composer.fill(def.title(), model);
        long id = tasks.create(new NewTask(account.id(), step.runId(), step.id(), owner, title,
                composer.fill(def.details(), model), def.priority(), now.plus(def.dueIn())), now);
        timeline.record(new TimelineEntry(account.id(), now, "task.created",
                "Task for " + owner + ": " + title + " (rule \"" + why.rule() + "\")", "task:" + id));
        log.info("Task {} for {}: {}", id, owner, title);
        return StepResult.done("task:" + id);
    }

    private StepResult email(PlayStep step, Account account, Why why, Instant now) {
        StepDefinition def = step.definition();
        Optional<String> template = rules.get().template(def.template());
        if (template.isEmpty()) {
            return StepResult.failed("template '" + def.template() + "' is not in the active rule set");
        }
        Optional<StepRecipient> to = StepRecipient.pick(account, contacts.of(account.id()), def.to());
        if (to.isEmpty()) {
            return StepResult.skipped("no reachable contact with role " + String.join(" or ", def.to()));
        }
        Map<String, Object> model = model(account, to.get().contact(), why);
        if (to.get().contact() != null) {
            // A customer contact: tech-touch, so the guardrails decide first and the email carries its unsubscribe link.
            Optional<StepResult> heldBack = guardrails(step, account, to.get().email(), now);
            if (heldBack.isPresent()) {
                return heldBack.get();
            }
            model.put(EmailComposer.UNSUBSCRIBE_URL, unsubscribeLinks.url(account.id(), to.get().email()));
        }
        RenderedEmail email = composer.render(template.get(), model);
        Delivery delivery = outbox.deliver(account.id(), step.runId(), step.id(), to.get().email(), email, now);
        long id = delivery.emailId();
        String status = delivery.status().name().toLowerCase(Locale.ROOT);
        String summary = "Email \"" + email.subject() + "\" to " + to.get().email() + " " + status;
        if (delivery.error() != null) {
            summary += " (attempt " + delivery.attempt() + " of " + outbox.maxAttempts() + ": " + delivery.error()
                    + (delivery.retryAt() != null ? "; next attempt at " + delivery.retryAt() : "") + ")";
        }
        timeline.record(new TimelineEntry(account.id(), now, "email." + status,
                summary + " (rule \"" + why.rule() + "\")", "email:" + id));
        log.info("Email {} {} to {}: {}", id, delivery.status(), to.get().email(), email.subject());
        return switch (delivery.status()) {
            case FAILED -> StepResult.failed("email:" + id + " failed after " + delivery.attempt() + " attempt(s): " + delivery.error());
            case RETRYING -> StepResult.retry("email:" + id + " attempt " + delivery.attempt() + " failed: " + delivery.error()
                    + "; next attempt at " + delivery.retryAt(), delivery.retryAt());
            default -> StepResult.done("email:" + id);
        };
    }

    /** A suppressed step is skipped; a deferred one is due again when the guardrails say. Both are on the timeline. */
    private Optional<StepResult> guardrails(PlayStep step, Account account, String address, Instant now) {
        StepDefinition def = step.definition();
        String play = runs.state(step.runId()).map(RunState::playName).orElse("?");
        ZoneId zone = RecipientTimeZone.of(def, account, contacts.of(account.id()), defaultZone);
        SendVerdict verdict = guardrails.check(List.of(new OutgoingEmail(step.id(), account.id(), play, address,
                step.dueAt(), def.window(), zone)), now).get(0);
        switch (verdict.decision()) {
            case SUPPRESS:
                timeline.record(new TimelineEntry(account.id(), now, "email.suppressed", "Email to " + address
                        + " of play \"" + play + "\" suppressed: " + verdict.reason(), "step:" + step.id()));
                return Optional.of(StepResult.skipped(SUPPRESSED + verdict.reason()));
            case DEFER:
                timeline.record(new TimelineEntry(account.id(), now, "email.deferred", "Email to " + address
                        + " of play \"" + play + "\" deferred to " + verdict.until() + ": " + verdict.reason(), "step:" + step.id()));
                return Optional.of(StepResult.retry("deferred to " + verdict.until() + ": " + verdict.reason(), verdict.until()));
            default:
                return Optional.empty();
        }
    }

    /** Templates and task titles see the account, the contact, the CSM and the facts the rule matched. */
    private Map<String, Object> model(Account account, Contact contact, Why why) {
        Map<String, Object> model = new HashMap<>();
        model.put("account", json.asMap(account));
        model.put("contact", contact == null ? Map.of() : json.asMap(contact));
        model.put("csm", account.csm());
        model.put("rule", why.rule());
        model.put("facts", why.matchedFacts());
        return model;
    }
}
