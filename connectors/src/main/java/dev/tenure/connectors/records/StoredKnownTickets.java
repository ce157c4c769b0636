package dev.tenure.connectors.records;

import dev.tenure.engine.intake.StoredTickets;
import org.springframework.stereotype.Component;

/** Tickets looked up among those the engine stores. */
@Component
class StoredKnownTickets implements KnownTickets {

    private final StoredTickets tickets;

    StoredKnownTickets(StoredTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Known of(String source, String accountId, String ticketId, String firstSolveId) {
        StoredTickets.Ticket stored = tickets.find(source, accountId, ticketId, firstSolveId);
        return new Known(stored.solvedAt(), stored.signalAt());
    }
}
