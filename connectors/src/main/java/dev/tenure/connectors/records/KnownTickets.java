package dev.tenure.connectors.records;

import java.time.Instant;

/**
 * What Tenure already has of a ticket that a help desk exports as one row per ticket: the row says only how the
 * ticket is now, so whether an open row is news (open again after a solve) or the same as yesterday, and whether a
 * solve is the first or a later one, is known only from what is stored.
 */
@FunctionalInterface
public interface KnownTickets {

    /** Nothing stored: every row is the first news of its ticket. */
    KnownTickets NONE = (source, accountId, ticketId, firstSolveId) -> Known.NOTHING;

    /**
     * @param firstSolveId the event id of the ticket's first solve, as a ticket row names it
     */
    Known of(String source, String accountId, String ticketId, String firstSolveId);

    /**
     * @param solvedAt      when the ticket was solved, if it is solved or closed now; null when open or unknown
     * @param firstSolvedAt when its first solve (the signal {@code firstSolveId}) happened; null when none is stored
     */
    record Known(Instant solvedAt, Instant firstSolvedAt) {

        public static final Known NOTHING = new Known(null, null);
    }
}
