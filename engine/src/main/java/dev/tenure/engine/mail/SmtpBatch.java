package dev.tenure.engine.mail;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Hands a batch of messages to SMTP over a few connections side by side, each connection carrying its
 * share one message after another ({@link JavaMailSender#send(MimeMessage...)} keeps its connection open
 * across the messages). Says which messages failed and why; a message refused, or lost with its
 * connection, does not fail the messages of the other connections, nor those sent before it.
 */
final class SmtpBatch {

    /** Fewer messages than this per connection are not worth another connection. */
    static final int LEAST_PER_CONNECTION = 20;

    private final JavaMailSender sender;
    private final int connections;
    private final ExecutorService lanes;

    /** {@code lanes} runs the connections beyond the caller's own; null when there is one connection. */
    SmtpBatch(JavaMailSender sender, int connections, ExecutorService lanes) {
        this.sender = sender;
        this.connections = connections;
        this.lanes = lanes;
    }

    /** Sends the messages; returns the failures by message (identity), empty when all were accepted. */
    Map<MimeMessage, Exception> send(List<MimeMessage> messages) {
        int used = Math.max(1, Math.min(connections, messages.size() / LEAST_PER_CONNECTION));
        Map<MimeMessage, Exception> failures = new IdentityHashMap<>();
        if (used == 1 || lanes == null) {
            failures.putAll(sendOver(messages));
            return failures;
        }
        int share = (messages.size() + used - 1) / used;
        List<Future<Map<MimeMessage, Exception>>> others = new ArrayList<>();
        for (int from = share; from < messages.size(); from += share) {
            List<MimeMessage> part = messages.subList(from, Math.min(messages.size(), from + share));
            others.add(lanes.submit(() -> sendOver(part)));
        }
        failures.putAll(sendOver(messages.subList(0, share)));
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
    private Map<MimeMessage, Exception> sendOver(List<MimeMessage> messages) {
        Map<MimeMessage, Exception> failures = new IdentityHashMap<>();
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Keyed by the messages given: a refused recipient fails its own message; a lost connection, the rest.
            e.getFailedMessages().forEach((message, failure) -> failures.put((MimeMessage) message, failure));
            if (failures.isEmpty() && e.getCause() == null) {
                messages.forEach(m -> failures.put(m, e));
            }
        } catch (MailException e) {
            messages.forEach(m -> failures.put(m, e));
        }
        return failures;
    }
}
