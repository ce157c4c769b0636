package dev.tenure.engine.intake;

import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.vocabulary.Signal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The signals of one account that count as just arrived at a moment when no batch brought them: those that happened in
 * the {@link SignalStore#RECENT_DAYS} days before it, by then, with the account's contact changes of those days, of the
 * kinds the rules match. A dry run of the account sees them as a scenario of it does ("signals of the last 7 days are
 * the events that just arrived"): a rule that matched a change live (a champion who became inactive) fires there too,
 * and the start guard says why its play is held back, instead of the rule seeming not to fire at all.
 */
@Repository
public class RecentSignals {

    private final JdbcClient jdbc;
    private final SignalPayloads payloads;
    private final AccountHistory history;

    RecentSignals(JdbcClient jdbc, SignalPayloads payloads, AccountHistory history) {
        this.jdbc = jdbc;
        this.payloads = payloads;
        this.history = history;
    }

    /** Oldest first; {@code kinds} as {@code RuleSet.eventKinds()} names them (the others would be read to be ignored). */
    public List<Signal> of(String accountId, Collection<String> kinds, Instant now) {
        List<Signal> found = new ArrayList<>();
        if (kinds.isEmpty()) {
            return found;
        }
        Instant recent = FactSet.daysBefore(now, SignalStore.RECENT_DAYS);
        List<Object> params = new ArrayList<>(List.of(accountId, kinds.toArray(String[]::new), Timestamp.from(recent)));
        String usage = "";
        if (kinds.contains("usage")) {
            // Usage events are found by when they arrived (a BRIN index), not by account: one that happened in these days
            // arrived in them, or at most a fast clock's drift before.
            usage = " UNION ALL SELECT " + SignalPayloads.USAGE_COLUMNS
                    + " FROM usage_event WHERE received_at >= ? AND account_id = ? AND occurred_at > ?";
            params.addAll(List.of(Timestamp.from(recent.minus(Lifecycle.CLOCK_DRIFT)), accountId, Timestamp.from(recent)));
        }
        jdbc.sql("SELECT " + SignalPayloads.SIGNAL_COLUMNS + " FROM signal WHERE account_id = ? AND kind = ANY(?) AND occurred_at > ?"
                        + usage + " ORDER BY occurred_at, id")
                .params(params)
                .query(rs -> {
                    found.add(payloads.read(rs));
                });
        if (kinds.contains("contact")) {
            found.addAll(history.contactChangesOf(accountId, recent));
        }
        // As the scenario runner takes them: a sender's clock a few minutes fast is taken as now.
        found.removeIf(s -> !Lifecycle.hasHappened(s.occurredAt(), now));
        found.sort(Comparator.comparing(Signal::occurredAt));
        return found;
    }
}
