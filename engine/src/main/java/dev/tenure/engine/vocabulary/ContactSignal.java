package dev.tenure.engine.vocabulary;

import java.time.Instant;

/**
 * A change to a contact, as an event: who ({@code email}), what changed ({@code change}, with the value
 * before and after it as text: the roles for {@code ROLE_CHANGED}, {@code "true"}/{@code "false"} for
 * active and unsubscribed, none before {@code ADDED}, where {@code newValue} is the role), the contact as it
 * was right after the change ({@code role}, {@code active}, {@code unsubscribed}) and when it happened.
 * Contact changes are kept as dated history, not sent by sources: {@code source} says what changed the
 * contact (a file's line, the unsubscribe link), {@code externalId} which history row it is.
 */
public record ContactSignal(String source, String externalId, String accountId, Instant occurredAt, String email,
                            ContactRole role, ContactChange change, String oldValue, String newValue, boolean active,
                            boolean unsubscribed) implements Signal {

    public String kind() { return "contact"; }

    /** The contact as this change left it; {@code before} gives what the change does not say (name, time zone), if known. */
    public Contact applyTo(Contact before) {
        return new Contact(accountId, email, before == null ? null : before.name(), role,
                before == null ? null : before.timezone(), active, unsubscribed);
    }
}
