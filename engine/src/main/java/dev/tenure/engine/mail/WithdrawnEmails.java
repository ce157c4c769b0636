package dev.tenure.engine.mail;

import dev.tenure.engine.plays.StepsCancelled;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An email waiting for another attempt (RETRYING, or SENDING left by a node that died) whose play step ended
 * without sending it will never be tried again: its run was cancelled by hand or stopped by a churn, or the step
 * was skipped or failed when it came due. Left as it was, the email log would show it RETRYING for ever; it is
 * WITHDRAWN instead, with why, and on its account's timeline ({@code email.withdrawn}). A withdrawn email is never
 * sent ({@link Outbox} leaves it as it is).
 */
@Component
public class WithdrawnEmails {

    private static final Logger log = LoggerFactory.getLogger(WithdrawnEmails.class);

    private final Emails emails;
    private final Timeline timeline;

    public WithdrawnEmails(Emails emails, Timeline timeline) {
        this.emails = emails;
        this.timeline = timeline;
    }

    /**
     * Withdraws the waiting emails of these ended steps, in the caller's transaction, which holds the steps; each
     * with why its step ended, worded to follow "its step was" ("skipped: the play's goal is reached: ..."). Returns
     * their timeline entries, for the caller to record with its own.
     */
    public List<TimelineEntry> withdraw(Map<Long, String> whyByStep, Instant now) {
        if (whyByStep.isEmpty()) {
            return List.of();
        }
        return emails.withdraw(whyByStep).stream().map(e -> {
            log.info("Email {} to {} withdrawn: its step was {}", e.id(), e.recipient(), e.why());
            return new TimelineEntry(e.accountId(), now, "email.withdrawn", "Email \"" + e.subject() + "\" to "
                    + e.recipient() + " withdrawn: its step was " + e.why(), "email:" + e.id());
        }).toList();
    }

    /** In the transaction that cancelled the steps: the steps and their emails end together. */
    @EventListener
    void stepsCancelled(StepsCancelled cancelled) {
        timeline.recordAll(withdraw(cancelled.stepIds().stream().collect(Collectors.toMap(Function.identity(),
                id -> cancelled.reason())), cancelled.at()));
    }
}
