package dev.tenure.api.accounts;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Accounts, their contacts and their health as the API answers them. */
final class AccountViews {

    private AccountViews() {
    }

    /** An account: segment, lifecycle stage, CSM, ARR, plan, start and renewal, its time zone. */
    record AccountBody(String id, String name, Segment segment, Stage stage, String csm, BigDecimal arr, String plan,
                       LocalDate startedOn, LocalDate renewalOn, String timezone) {

        static AccountBody of(Account a) {
            return new AccountBody(a.id(), a.name(), a.segment(), a.stage(), a.csm(), a.arr(), a.plan(), a.startedOn(),
                    a.renewalOn(), a.timezone());
        }
    }

    /** A contact of an account: role, zone, whether active and whether unsubscribed. */
    record ContactBody(String accountId, String email, String name, ContactRole role, String timezone, boolean active,
                       boolean unsubscribed) {

        static ContactBody of(Contact c) {
            return new ContactBody(c.accountId(), c.email(), c.name(), c.role(), c.timezone(), c.active(), c.unsubscribed());
        }
    }
}
