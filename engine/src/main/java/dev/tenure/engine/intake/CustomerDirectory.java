package dev.tenure.engine.intake;

import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.Stage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a source may ask about the customers already known, when what it sends names them its own way
 * (a survey answer by the respondent's email, a Segment user in a group), or when what it means depends on where
 * the account is now: nothing here changes them.
 */
@Component
public class CustomerDirectory {

    private final Accounts accounts;
    private final Contacts contacts;
    private final AccountHistory history;

    public CustomerDirectory(Accounts accounts, Contacts contacts, AccountHistory history) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.history = history;
    }

    /** The ids among these that are accounts. */
    public Set<String> existingAccounts(Collection<String> accountIds) {
        return accounts.existing(accountIds);
    }

    /** The accounts with a contact of this email address, case ignored. */
    public List<String> accountsWithContact(String email) {
        return contacts.accountsWithEmail(email);
    }

    /**
     * The account's stage now, for a source that decides what its signal means from it; empty when the account is not
     * stored. The row stays locked until the transaction ends, as the intake locks it: a source or a rule churning or
     * bringing back the account at once waits, so the stage does not change between the decision and its signal being
     * stored in the same transaction.
     */
    public Optional<Stage> lockedStage(String accountId) {
        return accounts.lockAll(List.of(accountId)).stream().map(Account::stage).findFirst();
    }

    /** One contact as it was at {@code at}, by its history; empty when it was not there yet. */
    public Optional<Contact> contactAsOf(String accountId, String email, Instant at) {
        return history.contactAsOf(accountId, email, at);
    }

    /** The contacts of each of these accounts. */
    public Map<String, List<Contact>> contactsOf(Collection<String> accountIds) {
        return contacts.ofAccounts(accountIds);
    }
}
