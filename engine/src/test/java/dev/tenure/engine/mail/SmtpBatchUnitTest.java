package dev.tenure.engine.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch of messages over SMTP: one message's failure is its own, not its batch's. */
class SmtpBatchUnitTest {

    private final ExecutorService lanes = Executors.newFixedThreadPool(1);

    @AfterEach
    void stopLanes() {
        lanes.shutdown();
    }

    @Test
    void given_a_batch_where_the_server_refuses_one_recipient_then_only_that_message_fails_and_permanently() throws Exception {
        List<MimeMessage> messages = messages("ok-1", "refused", "ok-2");

        Map<MimeMessage, Exception> failures = new SmtpBatch(new FakeServer(), 1, null).send(messages);

        assertThat(failures).containsOnlyKeys(messages.get(1));
        assertThat(SmtpFailures.permanent(failures.get(messages.get(1)))).isTrue();
        assertThat(SmtpFailures.describe(failures.get(messages.get(1)))).contains("mailbox unavailable");
    }

    @Test
    void given_a_batch_over_two_connections_when_one_connection_is_lost_then_only_its_messages_fail_and_may_be_retried()
            throws Exception {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 2 * SmtpBatch.LEAST_PER_CONNECTION; i++) {
            recipients.add(i == SmtpBatch.LEAST_PER_CONNECTION ? "connection-lost" : "ok-" + i);
        }
        List<MimeMessage> messages = messages(recipients.toArray(String[]::new));

        Map<MimeMessage, Exception> failures = new SmtpBatch(new FakeServer(), 2, lanes).send(messages);

        List<MimeMessage> secondHalf = messages.subList(SmtpBatch.LEAST_PER_CONNECTION, messages.size());
        assertThat(failures.keySet()).containsExactlyInAnyOrderElementsOf(secondHalf);
        assertThat(failures.values()).allSatisfy(e -> assertThat(SmtpFailures.permanent(e)).isFalse());
    }

    @Test
    void given_a_batch_the_server_accepts_whole_then_nothing_fails() throws Exception {
        assertThat(new SmtpBatch(new FakeServer(), 4, lanes).send(messages("a", "b", "c"))).isEmpty();
    }

    private static List<MimeMessage> messages(String... locals) throws MessagingException {
        Session session = Session.getInstance(new Properties());
        List<MimeMessage> messages = new ArrayList<>();
        for (String local : locals) {
            MimeMessage m = new MimeMessage(session);
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(local + "@customer.test"));
            m.setText("Hello");
            messages.add(m);
        }
        return messages;
    }

    /**
     * Answers as JavaMailSenderImpl does: a refused recipient fails its own message; a connection lost
     * fails that message and every one after it on the connection.
     */
    private static final class FakeServer extends JavaMailSenderImpl {
        @Override
        protected void doSend(MimeMessage[] messages, Object[] originals) {
            Map<Object, Exception> failed = new LinkedHashMap<>();
            for (int i = 0; i < messages.length; i++) {
                try {
                    InternetAddress to = (InternetAddress) messages[i].getAllRecipients()[0];
                    if (to.getAddress().startsWith("refused")) {
                        failed.put(messages[i], new SMTPAddressFailedException(to, "RCPT TO", 550, "550 mailbox unavailable"));
                    } else if (to.getAddress().startsWith("connection-lost")) {
                        MessagingException lost = new MessagingException("Connection reset");
                        for (int j = i; j < messages.length; j++) {
                            failed.put(messages[j], lost);
                        }
                        throw new MailSendException("Mail server connection failed", lost, failed);
                    }
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (!failed.isEmpty()) {
                throw new MailSendException(failed);
            }
        }
    }
}
