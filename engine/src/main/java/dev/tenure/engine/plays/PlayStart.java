package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;

import java.util.List;

/**
 * A play a rule decided to start for an account, with why, and the account and contacts its steps are placed
 * for (their time zones decide when a step in a send window comes due).
 */
public record PlayStart(Account account, List<Contact> contacts, PlayDefinition play, Why why) {
}
