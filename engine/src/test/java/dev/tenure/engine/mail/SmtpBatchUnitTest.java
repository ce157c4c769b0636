package dev.tenure.engine.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of messages over SMTP: one message's failure is its own, not its batch's, and each accepted
 * message is reported before the next one goes out on its connection.
 */
class SmtpBatchUnitTest {

    private final ExecutorService lanes = Executors.newFixedThreadPool(1);
    private final FakeServer server = new FakeServer();
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopLanes() {
        lanes.shutdown();
    }

    @Test
    void given_a_batch_where_the_server_refuses_one_recipient_then_only_that_message_fails_and_permanently() throws Exception {
        List<MimeMessage> messages = messages("ok-1", "refused", "ok-2");

        Map<MimeMessage, Exception> failures = new SmtpBatch(server, 1, 1, null).send(messages, this::accept);

        assertThat(failures).containsOnlyKeys(messages.get(1));
        assertThat(SmtpFailures.permanent(failures.get(messages.get(1)))).isTrue();
        assertThat(SmtpFailures.describe(failures.get(messages.get(1)))).contains("mailbox unavailable");
        assertThat(accepted).containsExactly("ok-1@customer.test", "ok-2@customer.test");
    }

    @Test
    void given_a_batch_then_each_message_is_reported_accepted_before_the_next_goes_out_on_its_connection() throws Exception {
        new SmtpBatch(server, 1, 1, null).send(messages("a", "b", "c"), this::accept);

        assertThat(server.events).containsExactly("sent a@customer.test", "accepted a@customer.test",
                "sent b@customer.test", "accepted b@customer.test", "sent c@customer.test", "accepted c@customer.test");
        assertThat(server.connections).isEqualTo(1);
    }

    @Test
    void given_a_batch_over_two_connections_when_one_connection_is_lost_then_only_its_message_in_flight_fails_and_may_be_retried()
            throws Exception {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 2 * SmtpBatch.LEAST_PER_CONNECTION; i++) {
            recipients.add(i == SmtpBatch.LEAST_PER_CONNECTION ? "connection-lost" : "ok-" + i);
        }
        List<MimeMessage> messages = messages(recipients.toArray(String[]::new));

        Map<MimeMessage, Exception> failures = new SmtpBatch(server, 2, 2, lanes).send(messages, this::accept);

        assertThat(failures).containsOnlyKeys(messages.get(SmtpBatch.LEAST_PER_CONNECTION));
        assertThat(SmtpFailures.permanent(failures.get(messages.get(SmtpBatch.LEAST_PER_CONNECTION)))).isFalse();
        assertThat(accepted).hasSize(messages.size() - 1);
        // Two connections, and the lost one opened again for the messages after it.
        assertThat(server.connections).isEqualTo(3);
    }

    @Test
    void given_a_server_that_cannot_be_reached_then_every_message_fails_and_may_be_retried_and_none_is_reported_accepted()
            throws Exception {
        server.reachable = false;
        List<MimeMessage> messages = messages("a", "b");

        Map<MimeMessage, Exception> failures = new SmtpBatch(server, 1, 1, null).send(messages, this::accept);

        assertThat(failures).containsOnlyKeys(messages);
        assertThat(failures.values()).allSatisfy(e -> assertThat(SmtpFailures.permanent(e)).isFalse());
        assertThat(accepted).isEmpty();
    }

    @Test
    void given_more_batches_sending_at_once_than_the_node_may_have_connections_then_no_more_connections_are_open_at_once()
            throws Exception {
        server.pause = true;
        SmtpBatch smtp = new SmtpBatch(server, 1, 2, null);
        ExecutorService batches = Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Map<MimeMessage, Exception>>> sending = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                List<MimeMessage> batch = messages("batch-" + i + "-a", "batch-" + i + "-b", "batch-" + i + "-c");
                sending.add(batches.submit(() -> smtp.send(batch, this::accept)));
            }
            for (var batch : sending) {
                assertThat(batch.get()).isEmpty();
            }
        } finally {
            batches.shutdown();
        }

        assertThat(accepted).hasSize(12);
        assertThat(server.connections).isEqualTo(4);
        assertThat(server.mostOpen).isEqualTo(2);
    }

    @Test
    void given_a_batch_the_server_accepts_whole_then_nothing_fails() throws Exception {
        assertThat(new SmtpBatch(server, 4, 4, lanes).send(messages("a", "b", "c"), this::accept)).isEmpty();
        assertThat(accepted).hasSize(3);
    }

    private void accept(MimeMessage message) {
        String to = recipient(message);
        accepted.add(to);
        server.events.add("accepted " + to);
    }

    private static String recipient(Message message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
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
     * A JavaMailSenderImpl whose session's transport is {@link FakeTransport}: it refuses a recipient
     * named "refused" with a 550 and drops its connection at one named "connection-lost".
     */
    static final class FakeServer extends JavaMailSenderImpl {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        volatile boolean reachable = true;
        /** Each message takes a few milliseconds, so that batches sending side by side overlap. */
        volatile boolean pause;
        volatile int connections;
        int open;
        volatile int mostOpen;

        FakeServer() {
            Properties properties = new Properties();
            properties.put(FakeServer.class.getName(), this);
            Session session = Session.getInstance(properties);
            session.addProvider(new Provider(Provider.Type.TRANSPORT, "fake", FakeTransport.class.getName(), "test", "1"));
            setSession(session);
            setProtocol("fake");
            setHost("smtp.test");
        }

        synchronized void connected() {
            connections++;
            open++;
            mostOpen = Math.max(mostOpen, open);
        }

        synchronized void closed() {
            open--;
        }
    }

    /** Created by Jakarta Mail for the "fake" protocol; finds its server in the session. */
    public static final class FakeTransport extends Transport {
        private final FakeServer server;

        public FakeTransport(Session session, URLName url) {
            super(session, url);
            this.server = (FakeServer) session.getProperties().get(FakeServer.class.getName());
        }

        @Override
        protected boolean protocolConnect(String host, int port, String user, String password) throws MessagingException {
            if (!server.reachable) {
                throw new MessagingException("Couldn't connect to host, port: smtp.test, 25; timeout -1",
                        new java.net.ConnectException("Connection refused"));
            }
            server.connected();
            return true;
        }

        @Override
        public void sendMessage(Message message, Address[] addresses) throws MessagingException {
            InternetAddress to = (InternetAddress) addresses[0];
            if (to.getAddress().startsWith("refused")) {
                throw new SMTPAddressFailedException(to, "RCPT TO", 550, "550 mailbox unavailable");
            }
            if (to.getAddress().startsWith("connection-lost")) {
                setConnected(false);
                throw new MessagingException("Connection reset");
            }
            if (server.pause) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            server.events.add("sent " + to.getAddress());
        }

        @Override
        public synchronized void close() throws MessagingException {
            if (isConnected()) {
                server.closed();
            }
            super.close();
        }
    }
}
