package dev.tenure.engine.guardrails;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What the send-time guardrails count, one set-wise query each per batch. Tech-touch emails are the
 * recorded emails that carry an unsubscribe link; failed ones and the batch's own steps (earlier
 * attempts of a retried email) are not counted.
 */
interface SendHistory {

    /** Of these addresses, those suppressed or of a contact marked unsubscribed, with the reason. */
    Map<String, String> unsubscribed(Collection<String> addresses);

    /** Tech-touch emails per address since a time, other steps only. */
    Map<String, Integer> sentTo(Collection<String> addresses, Instant since, Collection<Long> exceptSteps);

    /** Tech-touch emails since a time, other steps only. */
    int sent(Instant since, Collection<Long> exceptSteps);
}
