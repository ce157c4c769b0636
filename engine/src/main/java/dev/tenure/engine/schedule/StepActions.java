package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.PublicUrl;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.guardrails.Guardrails;
import dev.tenure.engine.guardrails.SendVerdict;
import dev.tenure.engine.guardrails.TechTouchEmail;
import dev.tenure.engine.guardrails.UnsubscribeLinks;
import dev.tenure.engine.mail.Delivery;
import dev.tenure.engine.mail.EmailComposer;
import dev.tenure.engine.mail.EmailStatus;
import dev.tenure.engine.mail.Outbox;
import dev.tenure.engine.mail.OutgoingEmail;
import dev.tenure.engine.mail.WithdrawnEmails;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RecipientTimeZone;
import dev.tenure.engine.plays.RunState;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepRecipient;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.tasks.NewTask;
import dev.tenure.engine.tasks.Tasks;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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
    private final EmailComposer composer;
    private final ActiveRuleSet rules;
    private final Timeline timeline;
    private final StillApplies stillApplies;
    private final Guardrails guardrails;
    private final UnsubscribeLinks unsubscribeLinks;
    private final ZoneId defaultZone;
    private final PublicUrl links;
    private final StepTexts texts;
    private final WithdrawnEmails withdrawn;

    StepActions(Accounts accounts, Contacts contacts, PlayRuns runs, Tasks tasks, Outbox outbox,
                EmailComposer composer, ActiveRuleSet rules, Timeline timeline,
                StillApplies stillApplies, Guardrails guardrails, UnsubscribeLinks unsubscribeLinks,
                EngineProperties engine, StepTexts texts, WithdrawnEmails withdrawn) {
        this.texts = texts;
        this.withdrawn = withdrawn;
        this.stillApplies = stillApplies;
        this.guardrails = guardrails;
        this.unsubscribeLinks = unsubscribeLinks;
        this.defaultZone = engine.defaultTimezone();
        this.links = engine.links();
        this.accounts = accounts;
        this.contacts = contacts;
        this.runs = runs;
        this.tasks = tasks;
        this.outbox = outbox;
        this.composer = composer;
        this.rules = rules;
        this.timeline = timeline;
    }

    /** How a step's result names the email it wrote: {@code email:12}. */
    private static final String EMAIL = "email:";
    static final String UNREADABLE = "its stored definition could not be read back; the play's other steps go on";
    /** How long an email waits for a change being written to its account: the time such a transaction takes, and more. */
    static final Duration WAIT_FOR_ACCOUNT_CHANGE = Duration.ofSeconds(5);

    /**
     * Carries out a claimed batch; returns each step's result by step id. Checks first that each step
     * still applies (a skipped step is on the timeline with its reason), in the batch's order. What the batch needs is read in a
     * few queries for all its steps; tasks are created one by one; emails go through {@link #emails}.
     */
    Map<Long, StepResult> carryOut(List<PlayStep> claimed, Instant now) {
        Map<Long, StepResult> results = new HashMap<>();
        List<TimelineEntry> entries = new ArrayList<>();
        // A step whose stored definition does not read back fails alone; the rest of the batch goes on.
        List<PlayStep> steps = new ArrayList<>();
        for (PlayStep step : claimed) {
            if (step.definition() == null) {
                results.put(step.id(), StepResult.failed(UNREADABLE));
            } else {
                steps.add(step);
            }
        }
        Map<String, Account> accountsById = accounts.findAll(steps.stream().map(PlayStep::accountId).distinct().toList());
        Map<Long, String> skip = stillApplies.reasonsToSkip(steps, accountsById, now);
        List<PlayStep> going = steps.stream().filter(s -> !skip.containsKey(s.id())).toList();
        Map<Long, Why> whys = going.isEmpty() ? Map.of() : runs.whys(going.stream().map(PlayStep::runId).distinct().toList());
        skip.forEach((id, reason) -> results.put(id, StepResult.skipped(reason)));
        List<PlayStep> emailSteps = new ArrayList<>();
        for (PlayStep step : going) {
            if (step.type() == StepType.TASK) {
                Optional<String> heldBack = stillApplies.earlierTaskOpen(step);
                results.put(step.id(), heldBack.isPresent() ? StepResult.skipped(heldBack.get())
                        : task(step, accountsById.get(step.accountId()), whys.get(step.runId()), now, entries));
            } else {
                emailSteps.add(step);
            }
        }
        if (!emailSteps.isEmpty()) {
            results.putAll(emails(emailSteps, accountsById, whys, now, entries));
        }
        Map<Long, String> endedUnsent = new HashMap<>();
        for (PlayStep step : claimed) {
            StepResult result = results.get(step.id());
            if (step.type() == StepType.EMAIL && result.retryAt() == null && result.status() != StepStatus.DONE
                    && !result.detail().startsWith(EMAIL)) {
                // Skipped or failed before its email was handed over: an earlier attempt's email, if any, waits no more.
                endedUnsent.put(step.id(), result.status().name().toLowerCase(Locale.ROOT) + ": " + result.detail());
            }
            if (result.status() == StepStatus.SKIPPED && !result.detail().startsWith(SUPPRESSED)) {
                entries.add(new TimelineEntry(step.accountId(), now, "step.skipped",
                        "Step skipped: " + result.detail(), "step:" + step.id()));
            } else if (result.status() == StepStatus.FAILED && !result.detail().startsWith(EMAIL)) {
                // A step that could not even be carried out (a template that does not render, no CSM to own a
                // task, a definition that does not read) says so where the CSM looks; a failed delivery already has.
                entries.add(new TimelineEntry(step.accountId(), now, "step.failed",
                        "Step failed: " + result.detail(), "step:" + step.id()));
            }
        }
        entries.addAll(withdrawn.withdraw(endedUnsent, now));
        timeline.recordAll(entries);
        return results;
    }

    private StepResult task(PlayStep step, Account account, Why why, Instant now, List<TimelineEntry> entries) {
        StepDefinition def = step.definition();
        String owner = "csm".equalsIgnoreCase(def.owner()) ? account.csm() : def.owner();
        if (owner == null || owner.isBlank()) {
            return StepResult.failed("account " + account.id() + " has no CSM to own the task");
        }
        Map<String, Object> model = model(account, null, why);
        String title;
        String details;
        try {
            title = composer.fill(def.title(), model);
            details = composer.fill(def.details(), model);
        } catch (RuntimeException e) {
            // One step's broken text must not roll back, and so block, every step of its batch.
            return StepResult.failed("the task's title or details could not be filled in: " + e.getMessage());
        }
        long id = tasks.create(new NewTask(account.id(), step.runId(), step.id(), owner, title,
                details, def.priority(), def.dueIn().after(now, RecipientTimeZone.ofAccount(account, defaultZone))), now);
        entries.add(new TimelineEntry(account.id(), now, "task.created",
                "Task for " + owner + ": " + title + " (rule \"" + why.rule() + "\")", "task:" + id));
        log.info("Task {} for {}: {}", id, owner, title);
        return StepResult.done("task:" + id);
    }

    /**
     * A batch's emails: each addressed, then admitted together by the guardrails, rendered, recorded and
     * sent together ({@link Outbox#deliver}), each step's result and timeline entry from its own delivery.
     */
    private Map<Long, StepResult> emails(List<PlayStep> steps, Map<String, Account> accountsById, Map<Long, Why> whys,
                                         Instant now, List<TimelineEntry> entries) {
        Map<Long, StepResult> results = new HashMap<>();
        Map<String, List<Contact>> contactsOf = contacts.ofAccounts(steps.stream().map(PlayStep::accountId).distinct().toList());
        List<Addressed> addressed = new ArrayList<>();
        for (PlayStep step : steps) {
            StepDefinition def = step.definition();
            Account account = accountsById.get(step.accountId());
            Optional<String> template = rules.get().template(def.template());
            if (template.isEmpty()) {
                results.put(step.id(), StepResult.failed("template '" + def.template() + "' is not in the active rule set"));
                continue;
            }
            List<Contact> accountContacts = contactsOf.getOrDefault(account.id(), List.of());
            Optional<StepRecipient> to = StepRecipient.pick(account, accountContacts, def.to());
            if (to.isEmpty()) {
                results.put(step.id(), StepResult.skipped("no reachable contact with role " + String.join(" or ", def.to())));
                continue;
            }
            addressed.add(new Addressed(step, account, to.get(), template.get(), accountContacts));
        }
        List<OutgoingEmail> outgoing = new ArrayList<>();
        for (Addressed email : settled(admit(addressed, now, results, entries), now, results)) {
            Account account = email.account();
            Map<String, Object> model = model(account, email.to().contact(), whys.get(email.step().runId()));
            if (email.techTouch()) {
                model.put(EmailComposer.UNSUBSCRIBE_URL, unsubscribeLinks.url(account.id(), email.to().email()));
            } else {
                model.put(EmailComposer.ACCOUNT_URL, links.account(account.id()));
            }
            try {
                outgoing.add(new OutgoingEmail(account.id(), email.step().runId(), email.step().id(), email.to().email(),
                        composer.render(email.template(), model)));
            } catch (RuntimeException e) {
                // One step's broken template must not roll back, and so block, every step of its batch.
                results.put(email.step().id(), StepResult.failed("template '" + email.step().definition().template()
                        + "' could not be filled in: " + e.getMessage()));
            }
        }
        List<Delivery> deliveries = outbox.deliver(outgoing, now);
        for (int i = 0; i < outgoing.size(); i++) {
            OutgoingEmail email = outgoing.get(i);
            results.put(email.stepId(), result(email, whys.get(email.runId()), deliveries.get(i), now, entries));
        }
        return results;
    }

    /**
     * The admitted emails that may go out now, as their accounts' rows tell, read locked until the batch has sent and
     * committed: a churn that began first is waited for (the email is due again in a moment, and the churn cancels it
     * meanwhile), and one that begins later waits until the email is out. Without this, a worker that had claimed the
     * step before the churn reached it sent the email to a customer whose cancellation was being written. Asked after
     * the guardrails, so an email they would hold for its send window is held there, not retried in a moment as if
     * it had just come due.
     */
    private List<Addressed> settled(List<Addressed> admitted, Instant now, Map<Long, StepResult> results) {
        if (admitted.isEmpty()) {
            return admitted;
        }
        Map<String, Stage> stages = accounts.stagesNotBeingChanged(admitted.stream().map(a -> a.account().id()).toList());
        Map<Long, RunState> states = runs.states(admitted.stream().map(a -> a.step().runId()).distinct().toList());
        List<Addressed> settled = new ArrayList<>();
        for (Addressed email : admitted) {
            PlayStep step = email.step();
            Stage stage = stages.get(step.accountId());
            Optional<String> refusal = stage == null ? Optional.empty() : states.get(step.runId()).audience().refusal(stage);
            if (stage == null) {
                results.put(step.id(), StepResult.retry("account " + step.accountId()
                        + " is being changed (a cancellation, a source's update or an evaluation): the email waits for it",
                        now.plus(WAIT_FOR_ACCOUNT_CHANGE)));
            } else if (refusal.isPresent()) {
                results.put(step.id(), StepResult.skipped(refusal.get()));
            } else {
                settled.add(email);
            }
        }
        return settled;
    }

    /** A step's email with its recipient chosen, before the guardrails have decided on it. */
    private record Addressed(PlayStep step, Account account, StepRecipient to, String template, List<Contact> contacts) {

        /** An email to a customer contact: the guardrails decide on it, and it carries an unsubscribe link. */
        boolean techTouch() {
            return to.contact() != null;
        }
    }

    /**
     * The one stage per batch where the outgoing emails are decided before any is rendered, recorded or
     * sent: the guardrails look at every tech-touch email of the batch at once. A suppressed step is skipped,
     * a deferred one is due again when the guardrails say; both are on the timeline.
     */
    private List<Addressed> admit(List<Addressed> addressed, Instant now, Map<Long, StepResult> results,
                                  List<TimelineEntry> entries) {
        List<Addressed> techTouch = addressed.stream().filter(Addressed::techTouch).toList();
        if (techTouch.isEmpty()) {
            return addressed;
        }
        Map<Long, RunState> states = runs.states(techTouch.stream().map(a -> a.step().runId()).distinct().toList());
        List<TechTouchEmail> asked = techTouch.stream().map(a -> new TechTouchEmail(a.step().id(), a.account().id(),
                play(states, a.step()), a.to().email(), a.step().dueAt(), a.step().definition().window(),
                RecipientTimeZone.of(a.step().definition(), a.account(), a.contacts(), defaultZone))).toList();
        List<SendVerdict> verdicts = guardrails.check(asked, now);
        Map<Long, SendVerdict> verdictOf = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            verdictOf.put(asked.get(i).stepId(), verdicts.get(i));
        }
        List<Addressed> admitted = new ArrayList<>();
        for (Addressed a : addressed) {
            SendVerdict verdict = verdictOf.get(a.step().id());
            if (verdict == null || verdict.decision() == SendVerdict.Decision.SEND) {
                admitted.add(a);
                continue;
            }
            String play = play(states, a.step());
            long stepId = a.step().id();
            if (verdict.decision() == SendVerdict.Decision.SUPPRESS) {
                entries.add(new TimelineEntry(a.account().id(), now, "email.suppressed", "Email to " + a.to().email()
                        + " of play \"" + play + "\" suppressed: " + verdict.reason(), "step:" + stepId));
                results.put(stepId, StepResult.skipped(SUPPRESSED + verdict.reason()));
            } else {
                entries.add(new TimelineEntry(a.account().id(), now, "email.deferred", "Email to " + a.to().email()
                        + " of play \"" + play + "\" deferred to " + verdict.until() + ": " + verdict.reason(), "step:" + stepId));
                results.put(stepId, StepResult.retry("deferred to " + verdict.until() + ": " + verdict.reason(), verdict.until()));
            }
        }
        return admitted;
    }

    private static String play(Map<Long, RunState> states, PlayStep step) {
        RunState state = states.get(step.runId());
        return state == null ? "?" : state.playName();
    }

    private StepResult result(OutgoingEmail email, Why why, Delivery delivery, Instant now, List<TimelineEntry> entries) {
        long id = delivery.emailId();
        String status = delivery.status().name().toLowerCase(Locale.ROOT);
        String summary = "Email \"" + email.email().subject() + "\" to " + email.recipient() + " " + status;
        if (delivery.status() == EmailStatus.WITHDRAWN) {
            summary += " earlier (" + delivery.error() + ")";
        } else if (delivery.error() != null) {
            summary += " (attempt " + delivery.attempt() + " of " + outbox.maxAttempts() + ": " + delivery.error()
                    + (delivery.retryAt() != null ? "; next attempt at " + delivery.retryAt() : "") + ")";
        }
        entries.add(new TimelineEntry(email.accountId(), now, "email." + status,
                summary + " (rule \"" + why.rule() + "\")", "email:" + id));
        log.debug("Email {} {} to {}: {}", id, delivery.status(), email.recipient(), email.email().subject());
        return switch (delivery.status()) {
            case FAILED -> StepResult.failed("email:" + id + " failed after " + delivery.attempt() + " attempt(s): " + delivery.error());
            case WITHDRAWN -> StepResult.skipped("email:" + id + " was withdrawn: " + delivery.error());
            case RETRYING -> StepResult.retry("email:" + id + " attempt " + delivery.attempt() + " failed: " + delivery.error()
                    + "; next attempt at " + delivery.retryAt(), delivery.retryAt());
            default -> StepResult.done("email:" + id);
        };
    }

    private Map<String, Object> model(Account account, Contact contact, Why why) {
        return texts.model(account, contact, why);
    }
}
