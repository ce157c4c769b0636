package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The time zone a step's send window is read in: for an email, the zone of the contact it will address,
 * else the account's, else the configured default; for a task, the account's, else the default. A zone
 * id that does not exist (a typo in a CRM export) falls back to the next one with a warning rather than
 * holding the step back.
 */
public final class RecipientTimeZone {

    private static final Logger log = LoggerFactory.getLogger(RecipientTimeZone.class);

    private RecipientTimeZone() {
    }

    public static ZoneId of(StepDefinition step, Account account, List<Contact> contacts, ZoneId fallback) {
        ZoneId accountZone = zone(account.timezone(), "account " + account.id(), fallback);
        if (step.type() != StepType.EMAIL) {
            return accountZone;
        }
        Contact contact = StepRecipient.pick(account, contacts, step.to()).map(StepRecipient::contact).orElse(null);
        return contact == null ? accountZone
                : zone(contact.timezone(), "contact " + contact.email() + " of account " + account.id(), accountZone);
    }

    /** The account's zone, else {@code fallback}: where a task and a cadence's occurrence dates are read. */
    public static ZoneId ofAccount(Account account, ZoneId fallback) {
        return zone(account.timezone(), "account " + account.id(), fallback);
    }

    private static ZoneId zone(String id, String whose, ZoneId fallback) {
        if (id == null || id.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            log.warn("The time zone '{}' of {} is not a time zone id (like Europe/Berlin); using {}", id, whose, fallback);
            return fallback;
        }
    }
}
