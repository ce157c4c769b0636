package dev.tenure.connectors.records;

import java.util.List;

/**
 * The accounts that have a contact with a given email address. Survey tools send only who answered,
 * so an NPS answer without an account id is placed through its respondent.
 */
@FunctionalInterface
public interface RespondentAccounts {

    /** Nobody: every answer must name its account. */
    RespondentAccounts NONE = email -> List.of();

    List<String> accountsWith(String email);
}
