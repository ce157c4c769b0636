package dev.tenure.engine.mail;

import dev.tenure.engine.EngineProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Optional;

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
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final Emails emails;
    private final JavaMailSender sender;
    private final String from;
    private final MailRetryProperties retry;
    private final TransactionTemplate ownTransaction;

    public Outbox(Emails emails, ObjectProvider<JavaMailSender> sender, EngineProperties properties,
                  MailRetryProperties retry, PlatformTransactionManager transactions) {
        this.emails = emails;
        this.sender = sender.getIfAvailable();
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
     * Sends or keeps a play step's email. A transient failure (SMTP unreachable, 4xx) comes back RETRYING
     * with the time of the next attempt until the attempts run out; a 5xx refusal or the last attempt
     * comes back FAILED. Call inside the transaction that holds the step's lock.
     */
    public Delivery deliver(String accountId, Long runId, long stepId, String recipient, RenderedEmail email, Instant now) {
        String messageId = messageIdOf(stepId);
        if (sender == null) {
            Optional<Email> kept = emails.ofStep(stepId);
            long id = kept.isPresent() ? kept.get().id()
                    : emails.create(accountId, runId, stepId, messageId, recipient, email, EmailStatus.KEPT, null, now);
            return new Delivery(id, EmailStatus.KEPT, null, 0, null);
        }
        Optional<Email> earlier = ownTransaction.execute(tx -> emails.ofStep(stepId));
        if (earlier.isPresent() && earlier.get().status() == EmailStatus.SENT) {
            // An earlier drain sent it and died before finishing the step.
            return new Delivery(earlier.get().id(), EmailStatus.SENT, null, earlier.get().attempts(), null);
        }
        Attempt attempt = ownTransaction.execute(tx -> earlier
                .map(e -> new Attempt(e.id(), e.recipient(), new RenderedEmail(e.subject(), e.body(), e.unsubscribeUrl()), emails.sendingAgain(e.id())))
                .orElseGet(() -> new Attempt(emails.createSending(accountId, runId, stepId, messageId, recipient, email, now),
                        recipient, email, 1)));
        Delivery delivery = send(attempt, messageId, now);
        ownTransaction.executeWithoutResult(tx -> emails.mark(delivery.emailId(), delivery.status(), delivery.error(), now));
        return delivery;
    }

    private Delivery send(Attempt attempt, String messageId, Instant now) {
        try {
            // What was recorded first is what is sent, on every attempt.
            sender.send(message(messageId, attempt.recipient(), attempt.email()));
            return new Delivery(attempt.emailId(), EmailStatus.SENT, null, attempt.number(), null);
        } catch (MailException | MessagingException e) {
            String error = SmtpFailures.describe(e);
            boolean again = !SmtpFailures.permanent(e) && attempt.number() < retry.maxAttempts();
            log.warn("Email {} to {} failed on attempt {} of {}{}: {}", messageId, attempt.recipient(), attempt.number(),
                    retry.maxAttempts(), again ? ", will retry" : "", error);
            return again
                    ? new Delivery(attempt.emailId(), EmailStatus.RETRYING, error, attempt.number(), retry.nextAttempt(attempt.number(), now))
                    : new Delivery(attempt.emailId(), EmailStatus.FAILED, error, attempt.number(), null);
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

    private record Attempt(long emailId, String recipient, RenderedEmail email, int number) {
    }

    public boolean sending() {
        return sender != null;
    }

    private MimeMessage message(String messageId, String recipient, RenderedEmail email) throws MessagingException {
        MimeMessage message = new FixedIdMessage(sender.createMimeMessage().getSession(), messageId);
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(InternetAddress.parse(from)[0]);
        helper.setTo(recipient);
        helper.setSubject(email.subject());
        helper.setText(email.html(), true);
        if (email.unsubscribeUrl() != null) {
            // RFC 8058 one-click: mail clients show an unsubscribe button that POSTs to the link.
            message.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
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
