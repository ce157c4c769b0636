package dev.tenure.engine.vocabulary;

/** Support ticket priority, P1 most urgent. */
public enum TicketPriority {
    P1, P2, P3, P4;

    public boolean high() {
        return this == P1 || this == P2;
    }
}
