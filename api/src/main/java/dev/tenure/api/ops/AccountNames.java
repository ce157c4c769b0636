package dev.tenure.api.ops;

import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.vocabulary.Account;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Accounts' names for the ops tables, which people read by name, not by slug; an account that is gone
 * (or never came) keeps its id.
 */
@Component
class AccountNames {

    private final Accounts accounts;

    AccountNames(Accounts accounts) {
        this.accounts = accounts;
    }

    /** By id, for every id asked: the name, or the id itself when no such account is stored. */
    Map<String, String> of(Collection<String> ids) {
        Map<String, String> names = new HashMap<>();
        ids.stream().filter(id -> id != null).distinct().forEach(id -> names.put(id, id));
        if (!names.isEmpty()) {
            accounts.findAll(names.keySet()).values().forEach((Account a) -> names.put(a.id(), a.name()));
        }
        return names;
    }
}
