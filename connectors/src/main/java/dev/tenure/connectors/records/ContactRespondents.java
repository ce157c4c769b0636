package dev.tenure.connectors.records;

import dev.tenure.engine.intake.CustomerDirectory;
import org.springframework.stereotype.Component;

import java.util.List;

/** Respondents looked up among the contacts the engine stores. */
@Component
class ContactRespondents implements RespondentAccounts {

    private final CustomerDirectory customers;

    ContactRespondents(CustomerDirectory customers) {
        this.customers = customers;
    }

    @Override
    public List<String> accountsWith(String email) {
        return customers.accountsWithContact(email);
    }
}
