package dev.tenure.engine.intake;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * What is stored of one support ticket, for a source that sends whole tickets rather than their changes (a help
 * desk's export of one row per ticket): such a row says how the ticket is now, and only what is stored tells whether
 * that is news (a ticket open again after it was solved) or the same as yesterday. Nothing here changes anything.
 */
@Repository
public class StoredTickets {

    private final JdbcClient jdbc;

    public StoredTickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One ticket as stored.
     *
     * @param solvedAt  when it was solved, if it is solved or closed now (by its latest signal); null when it is open
     *                  or not stored at all
     * @param signalAt  when the ticket signal {@code externalId} of the source happened; null when there is none
     */
    public record Ticket(Instant solvedAt, Instant signalAt) {
    }

    /** The account's ticket as stored, with the time of one of its signals by external id. */
    public Ticket find(String source, String accountId, String ticketId, String externalId) {
        return jdbc.sql("""
                        SELECT (SELECT closed_at FROM ticket WHERE account_id = ? AND ticket_id = ?
                                AND status IN ('SOLVED', 'CLOSED')),
                               (SELECT occurred_at FROM signal WHERE source = ? AND kind = 'ticket' AND external_id = ?)""")
                .params(accountId, ticketId, source, externalId)
                .query((rs, n) -> new Ticket(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)))).single();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
