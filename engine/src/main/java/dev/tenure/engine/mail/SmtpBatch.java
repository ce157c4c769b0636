package dev.tenure.engine.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Hands a batch of messages to SMTP over a few connections side by side, each connection carrying its
 * share one message after another, and reports each message the server accepted the moment it did, before
 * the next one goes out on that connection: what the caller records then is lost by a crash for at most
 * the one message each connection has in flight. Says which messages failed and why; a message refused,
 * or lost with its connection, does not fail the messages of the other connections, nor those sent before
 * it; a lost connection is opened again for the messages after it, as Spring Mail does.
 */
final class SmtpBatch {

    /** Fewer messages than this per connection are not worth another connection. */
    static final int LEAST_PER_CONNECTION = 20;

    private final JavaMailSender sender;
    private final int connections;
    private final ExecutorService lanes;
    /**
     * The connections the node may have open at once, whatever number of batches are sending: so many
     * messages at most are in flight when the node dies. Taken all at once per batch (fair), so a batch
     * never holds some while it waits for more.
     */
    private final Semaphore open;

    /**
     * @param connections the connections one batch is spread over
     * @param atOnce      the connections the node may have open at once, over all batches
     * @param lanes       runs the connections beyond the caller's own; null when there is one connection
     */
    SmtpBatch(JavaMailSender sender, int connections, int atOnce, ExecutorService lanes) {
        if (atOnce < connections) {
            throw new IllegalArgumentException("a batch's " + connections + " connections exceed the " + atOnce + " open at once");
        }
        this.sender = sender;
        this.connections = connections;
        this.lanes = lanes;
        this.open = new Semaphore(atOnce, true);
    }

    /**
     * Sends the messages; returns the failures by message (identity), empty when all were accepted.
     * {@code accepted} is called for each accepted message as soon as the server said so, on the thread of
     * its connection; it must not throw.
     */
    Map<MimeMessage, Exception> send(List<MimeMessage> messages, Consumer<MimeMessage> accepted) {
        int used = lanes == null ? 1 : Math.max(1, Math.min(connections, messages.size() / LEAST_PER_CONNECTION));
        try {
            open.acquire(used);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an SMTP connection", e);
        }
        try {
            return sendOver(messages, used, accepted);
        } finally {
            open.release(used);
        }
    }

    private Map<MimeMessage, Exception> sendOver(List<MimeMessage> messages, int used, Consumer<MimeMessage> accepted) {
        Map<MimeMessage, Exception> failures = new IdentityHashMap<>();
        if (used == 1) {
            failures.putAll(sendOver(messages, accepted));
            return failures;
        }
        int share = (messages.size() + used - 1) / used;
        List<Future<Map<MimeMessage, Exception>>> others = new ArrayList<>();
        for (int from = share; from < messages.size(); from += share) {
            List<MimeMessage> part = messages.subList(from, Math.min(messages.size(), from + share));
            others.add(lanes.submit(() -> sendOver(part, accepted)));
        }
        failures.putAll(sendOver(messages.subList(0, share), accepted));
        for (Future<Map<MimeMessage, Exception>> other : others) {
            try {
                failures.putAll(other.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending a batch of emails", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("A connection sending a batch of emails failed", e.getCause());
            }
        }
        return failures;
    }

    /** One connection, the messages in turn. */
    private Map<MimeMessage, Exception> sendOver(List<MimeMessage> messages, Consumer<MimeMessage> accepted) {
        if (sender instanceof JavaMailSenderImpl server) {
            return overOneConnection(server, messages, accepted);
        }
        // Another kind of sender shares no connection across calls: one call per message.
        Map<MimeMessage, Exception> failures = new IdentityHashMap<>();
        for (MimeMessage message : messages) {
            try {
                sender.send(message);
                accepted.accept(message);
            } catch (MailException e) {
                failures.put(message, e);
            }
        }
        return failures;
    }

    /**
     * What {@link JavaMailSenderImpl#send(MimeMessage...)} does, with each acceptance reported as it
     * happens: Spring's sends the whole array before it says anything.
     */
    private static Map<MimeMessage, Exception> overOneConnection(JavaMailSenderImpl server, List<MimeMessage> messages,
                                                                 Consumer<MimeMessage> accepted) {
        Map<MimeMessage, Exception> failures = new IdentityHashMap<>();
        Transport transport = null;
        try {
            for (int i = 0; i < messages.size(); i++) {
                MimeMessage message = messages.get(i);
                if (transport == null || !transport.isConnected()) {
                    close(transport);
                    transport = null;
                    try {
                        transport = connect(server);
                    } catch (MessagingException e) {
                        // No connection: this message and every one after it fail with why.
                        for (int j = i; j < messages.size(); j++) {
                            failures.put(messages.get(j), e);
                        }
                        return failures;
                    }
                }
                try {
                    if (message.getSentDate() == null) {
                        message.setSentDate(new Date());
                    }
                    message.saveChanges();
                    Address[] to = message.getAllRecipients();
                    transport.sendMessage(message, to == null ? new Address[0] : to);
                } catch (MessagingException | RuntimeException e) {
                    failures.put(message, e);
                    continue;
                }
                accepted.accept(message);
            }
            return failures;
        } finally {
            close(transport);
        }
    }

    /** As Spring Mail connects: its session (with {@code spring.mail.properties}), protocol, host, port, user. */
    private static Transport connect(JavaMailSenderImpl server) throws MessagingException {
        String username = server.getUsername();
        String password = server.getPassword();
        if ("".equals(username)) {
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        String protocol = server.getProtocol();
        if (protocol == null) {
            protocol = server.getSession().getProperty("mail.transport.protocol");
        }
        Transport transport = server.getSession().getTransport(protocol == null ? JavaMailSenderImpl.DEFAULT_PROTOCOL : protocol);
        transport.connect(server.getHost(), server.getPort(), username, password);
        return transport;
    }

    private static void close(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // The messages' fates are known; a failed QUIT changes none of them.
        }
    }
}
