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
 * before SMTP sees the message, and its outcome is committed the same way; the step's drain transaction
 * only holds the step's lock. The Message-ID is {@code <step-ID@tenure>}, derived from the step alone:
 * when a drain dies after SMTP accepted but before the reply, the step runs again, finds the SENDING row
 * and resends the same message with the same Message-ID, which receivers dedupe; a row that says SENT is
 * never sent again.
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
        this.smtp = new SmtpBatch(this.sender, connections.connections(), lanes);
        this.from = properties.mailFrom();
        this.retry = retry;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
     * message, the messages go out over a few SMTP connections ({@code tenure.mail.connections}), and the
     * outcomes are committed in one more.
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
        Map<Long, Delivery> outcomes = send(attempts, now);
        if (!outcomes.isEmpty()) {
            ownTransaction.executeWithoutResult(tx -> emails.markAll(new ArrayList<>(outcomes.values()), now));
        }
        byStep.putAll(outcomes);
        return outgoing.stream().map(e -> byStep.get(e.stepId())).toList();
    }

    /**
     * Writes the attempts about to be made: a new row for a step's first email, one more attempt on a row an
     * earlier drain left. A row already SENT (an earlier drain sent it and died before finishing the step)
     * is not sent again: its delivery goes straight into {@code done}.
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

    /** Hands the attempts to SMTP (over a few connections, {@link SmtpBatch}); returns each one's outcome by step id. */
    private Map<Long, Delivery> send(List<Attempt> attempts, Instant now) {
        Map<MimeMessage, Attempt> messages = new IdentityHashMap<>();
        Map<Long, Delivery> outcomes = new HashMap<>();
        for (Attempt attempt : attempts) {
            try {
                messages.put(message(messageIdOf(attempt.stepId()), attempt.recipient(), attempt.email()), attempt);
            } catch (MessagingException e) {
                outcomes.put(attempt.stepId(), failed(attempt, e, now));
            }
        }
        Map<MimeMessage, Exception> failures = messages.isEmpty() ? Map.of() : smtp.send(new ArrayList<>(messages.keySet()));
        messages.forEach((message, attempt) -> {
            Exception failure = failures.get(message);
            outcomes.put(attempt.stepId(), failure == null
                    ? new Delivery(attempt.emailId(), EmailStatus.SENT, null, attempt.number(), null)
                    : failed(attempt, failure, now));
        });
        return outcomes;
    }

    private Delivery failed(Attempt attempt, Exception e, Instant now) {
        String error = SmtpFailures.describe(e);
        boolean again = !SmtpFailures.permanent(e) && attempt.number() < retry.maxAttempts();
        log.warn("Email {} to {} failed on attempt {} of {}{}: {}", messageIdOf(attempt.stepId()), attempt.recipient(),
                attempt.number(), retry.maxAttempts(), again ? ", will retry" : "", error);
        return again
                ? new Delivery(attempt.emailId(), EmailStatus.RETRYING, error, attempt.number(), retry.nextAttempt(attempt.number(), now))
                : new Delivery(attempt.emailId(), EmailStatus.FAILED, error, attempt.number(), null);
    }

    @Override
    public void destroy() {
        if (lanes != null) {
            lanes.shutdown();
        }
    }

    /**
     * Sends an internal email that belongs to no play step (a CSM's digest) once, with the Message-ID
     * given: no email row, no retry, no unsubscribe link. The caller records it before calling.
     */
    public InternalDelivery sendInternal(String messageId, String recipient, RenderedEmail email) {
        if (sender == null) {
            return new InternalDelivery(EmailStatus.KEPT, null);
        }
        try {
            sender.send(message(messageId, recipient, email));
            return new InternalDelivery(EmailStatus.SENT, null);
        } catch (MailException | MessagingException e) {
            String error = SmtpFailures.describe(e);
            log.warn("Email {} to {} failed: {}", messageId, recipient, error);
            return new InternalDelivery(EmailStatus.FAILED, error);
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
