package dev.tenure.engine.guardrails;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link SendHistory} in PostgreSQL: the suppression list, contacts and the email log. */
class JdbcSendHistory implements SendHistory {

    private final JdbcClient jdbc;

    JdbcSendHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, String> unsubscribed(Collection<String> addresses) {
        String[] list = addresses.toArray(String[]::new);
        return jdbc.sql("""
                        SELECT address, 'on the suppression list (' || lower(replace(source, '_', ' ')) || ': ' || reason || ')'
                        FROM suppression WHERE address = ANY(?)
                        UNION ALL
                        SELECT DISTINCT lower(email), 'the contact unsubscribed' FROM contact
                        WHERE unsubscribed AND lower(email) = ANY(?)""")
                .params(list, list)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> first));
    }

    /**
     * The emails a cap counts: all but those that never reached anyone, refused for good (FAILED) or withdrawn
     * before they went out (WITHDRAWN: their step ended while they waited for a retry).
     */
    private static final String DELIVERED_OR_ON_ITS_WAY = "status NOT IN ('FAILED', 'WITHDRAWN')";

    // The batch's own steps are left out with NOT IN over a subquery, which PostgreSQL hashes once, and
    // not with NOT (step_id = ANY(?)), which compares each row with every step of the batch.
    @Override
    public Map<String, Integer> sentTo(Collection<String> addresses, Instant since, Collection<Long> exceptSteps) {
        return jdbc.sql("""
                        SELECT lower(recipient), count(*) FROM email
                        WHERE unsubscribe_url IS NOT NULL AND lower(recipient) = ANY(?) AND created_at > ?
                          AND\s""" + DELIVERED_OR_ON_ITS_WAY + """
                           AND step_id NOT IN (SELECT unnest(?::bigint[]))
                        GROUP BY lower(recipient)""")
                .params(addresses.toArray(String[]::new), Timestamp.from(since), exceptSteps.toArray(Long[]::new))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Integer::sum, HashMap::new));
    }

    @Override
    public int sent(Instant since, Collection<Long> exceptSteps) {
        return jdbc.sql("""
                        SELECT count(*) FROM email WHERE unsubscribe_url IS NOT NULL AND created_at >= ?
                          AND\s""" + DELIVERED_OR_ON_ITS_WAY + " AND step_id NOT IN (SELECT unnest(?::bigint[]))")
                .params(Timestamp.from(since), exceptSteps.toArray(Long[]::new))
                .query(Integer.class).single();
    }
}
