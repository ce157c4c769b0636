package dev.tenure.engine.vocabulary;

/** Support load: open tickets by priority and how many were opened recently. */
public record TicketLoad(String accountId, int openP1, int openP2, int openP3, int openP4,
                         int opened14d, int highPriorityOpened14d, int opened60d, int oldestOpenAgeDays) {

    public int open() {
        return openP1 + openP2 + openP3 + openP4;
    }

    public int openHighPriority() {
        return openP1 + openP2;
    }
}
