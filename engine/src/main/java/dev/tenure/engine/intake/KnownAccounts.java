package dev.tenure.engine.intake;

import dev.tenure.engine.accounts.Accounts;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which account ids are stored, remembered once seen: accounts are never deleted, so an id found once
 * stays found. Every chunk of a large file names thousands of accounts, mostly the same ones again; only
 * ids not seen before are looked up. Ids come from committed rows only (the intake asks before it stores a
 * batch's own accounts), and at most {@link #LIMIT} are kept.
 */
@Component
class KnownAccounts {

    static final int LIMIT = 1_000_000;

    private final Accounts accounts;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    KnownAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The ids among {@code ids} that are stored. */
    Set<String> existing(Collection<String> ids) {
        Set<String> found = new HashSet<>();
        Set<String> unseen = new HashSet<>();
        for (String id : ids) {
            (known.contains(id) ? found : unseen).add(id);
        }
        if (!unseen.isEmpty()) {
            Set<String> stored = accounts.existing(unseen);
            found.addAll(stored);
            if (known.size() < LIMIT) {
                known.addAll(stored);
            }
        }
        return found;
    }
}
