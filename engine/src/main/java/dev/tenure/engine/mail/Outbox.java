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

import java.time.Instant;
import java.util.UUID;

/**
 * Sends an email through SMTP when {@code spring.mail.host} is set, otherwise keeps it in the email log
 * only. Either way the email is recorded with a Message-ID chosen before sending.
 */
@Component
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final Emails emails;
    private final JavaMailSender sender;
    private final String from;

    public Outbox(Emails emails, ObjectProvider<JavaMailSender> sender, EngineProperties properties) {
        this.emails = emails;
        this.sender = sender.getIfAvailable();
        this.from = properties.mailFrom();
        if (this.sender == null) {
            log.info("Email: no SMTP server configured (spring.mail.host): emails are kept in the database, see GET /api/emails");
        } else {
            log.info("Email: sending through SMTP at {}", describe(this.sender));
        }
    }

    /** Sends or keeps the email; returns its id in the email log. A refused send is recorded as FAILED. */
    public long deliver(String accountId, Long runId, Long stepId, String recipient, RenderedEmail email, Instant now) {
        String messageId = "<" + UUID.randomUUID() + "@tenure>";
        if (sender == null) {
            return emails.create(accountId, runId, stepId, messageId, recipient, email, EmailStatus.KEPT, null, now);
        }
        try {
            sender.send(message(messageId, recipient, email));
            return emails.create(accountId, runId, stepId, messageId, recipient, email, EmailStatus.SENT, null, now);
        } catch (MailException | MessagingException e) {
            log.warn("Email {} to {} failed: {}", messageId, recipient, e.getMessage());
            return emails.create(accountId, runId, stepId, messageId, recipient, email, EmailStatus.FAILED,
                    e.getMessage(), now);
        }
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
