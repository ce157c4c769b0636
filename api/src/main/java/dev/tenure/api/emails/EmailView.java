package dev.tenure.api.emails;

import dev.tenure.api.why.WhyView;
import dev.tenure.engine.mail.Email;
import dev.tenure.engine.mail.EmailStatus;

import java.time.Instant;

/** An email as the email log answers it: to whom, what, its status and attempts, and the rule that wrote it. */
record EmailView(long id, String accountId, Long runId, String messageId, String recipient, String subject, String body,
                 EmailStatus status, String error, Instant createdAt, Instant sentAt, WhyView why, int attempts,
                 String unsubscribeUrl) {

    static EmailView of(Email e) {
        return new EmailView(e.id(), e.accountId(), e.runId(), e.messageId(), e.recipient(), e.subject(), e.body(), e.status(),
                e.error(), e.createdAt(), e.sentAt(), WhyView.of(e.why()), e.attempts(), e.unsubscribeUrl());
    }
}
