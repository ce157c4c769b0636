package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;

import java.util.List;
import java.util.Optional;

/**
 * Whom an email step addresses: the first reachable contact in the order of the roles the step names;
 * "csm" means the account's CSM, who is not a contact. Shared by delivery and by the send window, so a
 * step waits for the local hours of the person it will actually write to.
 *
 * @param email   where the email goes
 * @param contact the contact, or null for the CSM
 */
public record StepRecipient(String email, Contact contact) {

    public static Optional<StepRecipient> pick(Account account, List<Contact> contacts, List<String> roles) {
        for (String role : roles) {
            if (role.equalsIgnoreCase("csm")) {
                if (account.csm() != null) {
                    return Optional.of(new StepRecipient(account.csm(), null));
                }
                continue;
            }
            Optional<Contact> match = contacts.stream().filter(Contact::reachable)
                    .filter(c -> c.role().name().equalsIgnoreCase(role)).findFirst();
            if (match.isPresent()) {
                return Optional.of(new StepRecipient(match.get().email(), match.get()));
            }
        }
        return Optional.empty();
    }
}
