package dev.tenure.engine.mail;

import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Tells a refusal that will not change (5xx, a malformed address) from a failure worth retrying
 * (server unreachable, connection dropped, 4xx). Unknown failures count as transient: a retry of an
 * email with a stable Message-ID costs little, a lost email costs a customer.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof AddressException) {
                return true;
            }
            int code = code(t);
            if (code >= 500 && code < 600) {
                return true;
            }
        }
        return false;
    }

    /** Where the failure came from and why: "Couldn't connect to host, port: ...: Connection refused". */
    static String describe(Throwable failure) {
        java.util.List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null; t = next(t)) {
            // Spring's wrapper repeats its cause's message with "Failed messages: ..." appended.
            if (t.getMessage() != null && !t.getMessage().isBlank() && !(t instanceof org.springframework.mail.MailException)) {
                messages.add(t.getMessage().strip());
            }
        }
        if (messages.isEmpty()) {
            return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().strip();
        }
        return String.join(": ", messages.subList(Math.max(0, messages.size() - 2), messages.size()));
    }

    private static int code(Throwable t) {
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        return -1;
    }

    /** Spring's MailSendException keeps the per-message failures apart from its cause. */
    private static Throwable next(Throwable t) {
        if (t instanceof org.springframework.mail.MailSendException e && e.getCause() == null
                && !e.getFailedMessages().isEmpty()) {
            Exception inner = e.getFailedMessages().values().iterator().next();
            return inner == t ? null : inner;
        }
        if (t instanceof jakarta.mail.MessagingException e && e.getNextException() != null && e.getNextException() != e.getCause()) {
            return e.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
