package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;

import java.time.ZoneId;
import java.util.List;

/**
 * The installation's settings for placing steps in time: the default time zone and business hours.
 * The live engine and the backtest place steps with the same settings.
 */
public record StepPlacement(ZoneId defaultZone, SendWindow.BusinessHours hours) {

    public StepTimes forAccount(Account account, List<Contact> contacts) {
        return new StepTimes(account, contacts, defaultZone, hours);
    }

    /** The account's zone (else the default): where its cooldowns, horizons and occurrence dates count days. */
    public ZoneId zoneOf(Account account) {
        return RecipientTimeZone.ofAccount(account, defaultZone);
    }
}
