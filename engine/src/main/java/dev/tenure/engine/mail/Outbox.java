package dev.tenure.engine.mail;

import dev.tenure.engine.EngineProperties;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends an email through SMTP when {@code spring.mail.host} is set, otherwise keeps it in the email log
 * only.
 * <p>
 * A sent email must be recorded even if the node dies mid-send, and must not be sent twice. So a play
 * step's email row is written (status SENDING, attempt counted) and committed in its own transaction
 * before SMTP sees the message, and each message is recorded SENT in a short transaction of its own the
 * moment SMTP accepts it, before its connection carries the next one; the step's drain transaction only
 * holds the step's lock. The Message-ID is {@code <step-ID@tenure>}, derived from the step alone: when a
 * node dies, the steps of its open batches run again and find their rows; a row that says SENT is never
 * sent again, a SENDING one is sent (again) with the same Message-ID, which receivers dedupe. So a crash
 * resends at most the messages in flight on the node's connections when it died: one per connection.
 */
@Component
public class Outbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final String UTF_8 = "UTF-8";

    private final Emails emails;
    private final JavaMailSender sender;
    private final String from;
    private final MailRetryProperties retry;
    private final TransactionTemplate ownTransaction;
    /** Outside any transaction: one statement, committed on its own (autocommit) when it returns. */
    private final TransactionTemplate alone;
    private final ExecutorService lanes;
    private final SmtpBatch smtp;

    public Outbox(Emails emails, ObjectProvider<JavaMailSender> sender, EngineProperties properties,
                  MailRetryProperties retry, SmtpConnectionProperties connections, PlatformTransactionManager transactions) {
        this.emails = emails;
        this.sender = sender.getIfAvailable();
        AtomicInteger n = new AtomicInteger();
        this.lanes = this.sender != null && connections.connections() > 1
                ? Executors.newFixedThreadPool(connections.connections() - 1, r -> {
                    Thread t = new Thread(r, "tenure-smtp-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }) : null;
        // Each step worker drains its own batch: so many batches send at once in the usual course.
        this.smtp = new SmtpBatch(this.sender, connections.connections(),
                connections.connections() * properties.stepWorkers(), lanes);
        this.from = properties.mailFrom();
        this.retry = retry;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.alone = new TransactionTemplate(transactions);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        if (this.sender == null) {
            log.info("Email: no SMTP server configured (spring.mail.host): emails are kept in the database, see GET /api/emails");
        } else {
            log.info("Email: sending through SMTP at {}", describe(this.sender));
        }
    }

    /** The Message-ID of a play step's email, the same on every attempt. */
    public static String messageIdOf(long stepId) {
        return "<step-" + stepId + "@tenure>";
    }

    /**
     * Sends or keeps a batch of play steps' emails; returns what became of each, in the order given. A
     * transient failure (SMTP unreachable, 4xx) comes back RETRYING with the time of the next attempt until
     * the attempts run out; a 5xx refusal or the last attempt comes back FAILED. One email's failure does
     * not touch the others. The rows are written and committed in one transaction before SMTP sees any
     * message, the messages go out over a few SMTP connections ({@code tenure.mail.connections}), each one
     * recorded SENT on its own as soon as SMTP accepts it, and the failures are committed in one more.
     * Call inside the transaction that holds the steps' locks.
     */
    public List<Delivery> deliver(List<OutgoingEmail> outgoing, Instant now) {
        if (outgoing.isEmpty()) {
            return List.of();
        }
        List<Long> stepIds = outgoing.stream().map(OutgoingEmail::stepId).toList();
        if (sender == null) {
            Map<Long, Email> kept = emails.ofSteps(stepIds);
            List<OutgoingEmail> fresh = outgoing.stream().filter(e -> !kept.containsKey(e.stepId())).toList();
            Map<Long, Long> ids = fresh.isEmpty() ? Map.of() : emails.createAll(fresh, EmailStatus.KEPT, now);
            return outgoing.stream().map(e -> new Delivery(kept.containsKey(e.stepId()) ? kept.get(e.stepId()).id()
                    : ids.get(e.stepId()), EmailStatus.KEPT, null, 0, null)).toList();
        }
        Map<Long, Delivery> byStep = new HashMap<>();
        List<Attempt> attempts = ownTransaction.execute(tx -> record(outgoing, now, byStep));
        List<Delivery> unrecorded = new ArrayList<>();
        Map<Long, Delivery> outcomes = send(attempts, now, unrecorded);
        outcomes.values().stream().filter(d -> d.status() != EmailStatus.SENT).forEach(unrecorded::add);
        if (!unrecorded.isEmpty()) {
            ownTransaction.executeWithoutResult(tx -> emails.markAll(unrecorded, now));
        }
        byStep.putAll(outcomes);
        return outgoing.stream().map(e -> byStep.get(e.stepId())).toList();
    }

    /**
     * Writes the attempts about to be made: a new row for a step's first email, one more attempt on a row an
     * earlier drain left. A row already SENT (an earlier drain sent it and died before finishing the step)
     * is not sent again, nor is one WITHDRAWN ({@link WithdrawnEmails}): its delivery goes straight into {@code done}.
     */
    private List<Attempt> record(List<OutgoingEmail> outgoing, Instant now, Map<Long, Delivery> done) {
        Map<Long, Email> earlier = emails.ofSteps(outgoing.stream().map(OutgoingEmail::stepId).toList());
        List<OutgoingEmail> fresh = new ArrayList<>();
        Map<Long, Email> again = new HashMap<>();
        for (OutgoingEmail e : outgoing) {
            Email before = earlier.get(e.stepId());
            if (before == null) {
                fresh.add(e);
            } else if (before.status() == EmailStatus.SENT) {
                done.put(e.stepId(), new Delivery(before.id(), EmailStatus.SENT, null, before.attempts(), null));
            } else if (before.status() == EmailStatus.WITHDRAWN) {
                // Withdrawn when its step ended: a step run again all the same (put back by hand) does not undo that.
                done.put(e.stepId(), new Delivery(before.id(), EmailStatus.WITHDRAWN, before.error(), before.attempts(), null));
            } else {
                again.put(e.stepId(), before);
            }
        }
        List<Attempt> attempts = new ArrayList<>();
        if (!fresh.isEmpty()) {
            Map<Long, Long> ids = emails.createAll(fresh, EmailStatus.SENDING, now);
            fresh.forEach(e -> attempts.add(new Attempt(ids.get(e.stepId()), e.stepId(), e.recipient(), e.email(), 1)));
        }
        if (!again.isEmpty()) {
            Map<Long, Integer> numbers = emails.sendingAgain(again.values().stream().map(Email::id).toList());
            // What was recorded first is what is sent, on every attempt.
            again.forEach((stepId, e) -> attempts.add(new Attempt(e.id(), stepId, e.recipient(),
                    new RenderedEmail(e.subject(), e.body(), e.unsubscribeUrl()), numbers.get(e.id()))));
        }
        return attempts;
    }

    /**
     * Hands the attempts to SMTP (over a few connections, {@link SmtpBatch}), recording each accepted one
     * SENT at once; returns each one's outcome by step id. An accepted message whose record failed (the
     * database away for a moment) is added to {@code unrecorded}, to be recorded with the failures.
     */
    private Map<Long, Delivery> send(List<Attempt> attempts, Instant now, List<Delivery> unrecorded) {
        Map<MimeMessage, Attempt> messages = new IdentityHashMap<>();
        Map<Long, Delivery> outcomes = new HashMap<>();
        for (Attempt attempt : attempts) {
            try {
                messages.put(message(messageIdOf(attempt.stepId()), attempt.recipient(), attempt.email()), attempt);
            } catch (MessagingException e) {
                outcomes.put(attempt.stepId(), failed(attempt, e, now));
            }
        }
        List<Delivery> notRecorded = Collections.synchronizedList(unrecorded);
        Map<MimeMessage, Exception> failures = messages.isEmpty() ? Map.of() : smtp.send(new ArrayList<>(messages.keySet()),
                message -> recordSent(messages.get(message), now, notRecorded));
        messages.forEach((message, attempt) -> {
            Exception failure = failures.get(message);
            outcomes.put(attempt.stepId(), failure == null
                    ? new Delivery(attempt.emailId(), EmailStatus.SENT, null, attempt.number(), null)
                    : failed(attempt, failure, now));
        });
        return outcomes;
    }

    /** Commits one accepted message as SENT, alone: a crash after this never sends it again. */
    private void recordSent(Attempt attempt, Instant now, List<Delivery> notRecorded) {
        Delivery sent = new Delivery(attempt.emailId(), EmailStatus.SENT, null, attempt.number(), null);
        try {
            alone.executeWithoutResult(tx -> emails.markSent(attempt.emailId(), now));
        } catch (RuntimeException e) {
            log.warn("Email {} was accepted by SMTP but could not be recorded as sent yet; trying again with the batch: {}",
                    messageIdOf(attempt.stepId()), e.getMessage());
            notRecorded.add(sent);
        }
    }

    private Delivery failed(Attempt attempt, Exception e, Instant now) {
        Instant again = retryAt(messageIdOf(attempt.stepId()), attempt.recipient(), attempt.number(), e, now);
        return again != null
                ? new Delivery(attempt.emailId(), EmailStatus.RETRYING, SmtpFailures.describe(e), attempt.number(), again)
                : new Delivery(attempt.emailId(), EmailStatus.FAILED, SmtpFailures.describe(e), attempt.number(), null);
    }

    /** The one rule for every email: when to try again after this failed attempt, or null for never. */
    private Instant retryAt(String messageId, String recipient, int attempt, Exception e, Instant now) {
        String error = SmtpFailures.describe(e);
        boolean again = !SmtpFailures.permanent(e) && attempt < retry.maxAttempts();
        log.warn("Email {} to {} failed on attempt {} of {}{}: {}", messageId, recipient,
                attempt, retry.maxAttempts(), again ? ", will retry" : "", error);
        return again ? retry.nextAttempt(attempt, now) : null;
    }

    @Override
    public void destroy() {
        if (lanes != null) {
            lanes.shutdown();
        }
    }

    /**
     * Makes one attempt at an internal email that belongs to no play step (a CSM's digest), with the
     * Message-ID given, under the same rules as a step's email: a transient failure before the last of
     * {@code tenure.mail.retry.max-attempts} comes back RETRYING with the time of the next attempt
     * ({@code tenure.mail.retry.backoff}), a permanent one or the last FAILED. The caller records the
     * attempt before calling and drives the retries; no unsubscribe link, no guardrails.
     */
    public InternalDelivery sendInternal(String messageId, String recipient, RenderedEmail email, int attempt, Instant now) {
        if (sender == null) {
            return new InternalDelivery(EmailStatus.KEPT, null, null);
        }
        try {
            sender.send(message(messageId, recipient, email));
            return new InternalDelivery(EmailStatus.SENT, null, null);
        } catch (MailException | MessagingException e) {
            Instant again = retryAt(messageId, recipient, attempt, e, now);
            return new InternalDelivery(again == null ? EmailStatus.FAILED : EmailStatus.RETRYING, SmtpFailures.describe(e), again);
        }
    }

    public int maxAttempts() {
        return retry.maxAttempts();
    }

    private record Attempt(long emailId, long stepId, String recipient, RenderedEmail email, int number) {
    }

    public boolean sending() {
        return sender != null;
    }

    /** The one place a step's email becomes a MIME message: headers every email carries are added here. */
    private MimeMessage message(String messageId, String recipient, RenderedEmail email) throws MessagingException {
        // Set directly, not through MimeMessageHelper: it reads a MIME types file for every message.
        MimeMessage message = new FixedIdMessage(sender.createMimeMessage().getSession(), messageId);
        message.setFrom(fromAddress());
        InternetAddress[] to = InternetAddress.parse(recipient);
        if (to.length != 1) {
            throw new AddressException("Illegal address", recipient);
        }
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(email.subject(), UTF_8);
        message.setContent(email.html(), "text/html;charset=" + UTF_8);
        if (email.unsubscribeUrl() != null) {
            // RFC 8058 one-click: mail clients show an unsubscribe button that POSTs to the link.
            message.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }

    /** The sender, its name encoded as UTF-8 where it needs to be. */
    private InternetAddress fromAddress() throws AddressException {
        InternetAddress parsed = InternetAddress.parse(from)[0];
        try {
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static String describe(JavaMailSender sender) {
        return sender instanceof org.springframework.mail.javamail.JavaMailSenderImpl impl
                ? impl.getHost() + ":" + impl.getPort() : sender.getClass().getSimpleName();
    }

    /** Jakarta Mail replaces the Message-ID on save; the recorded one must be the one sent. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
