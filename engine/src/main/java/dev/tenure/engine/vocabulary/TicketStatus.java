package dev.tenure.engine.vocabulary;

/** Support ticket status as help desks report it. */
public enum TicketStatus {
    OPEN, PENDING, SOLVED, CLOSED;

    public boolean open() {
        return this == OPEN || this == PENDING;
    }
}
