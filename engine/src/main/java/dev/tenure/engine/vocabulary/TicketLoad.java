package dev.tenure.engine.vocabulary;

/**
 * Support load: open tickets by priority and how many were opened recently. {@code highPriorityOpened60d}
 * counts the P1/P2 tickets opened in the last 60 days (the last 14 included), so a rule can tell a spike
 * from an account's usual rate of urgent tickets ({@link #highPriorityUsual14d()}).
 */
public record TicketLoad(String accountId, int openP1, int openP2, int openP3, int openP4,
                         int opened14d, int highPriorityOpened14d, int opened60d, int oldestOpenAgeDays,
                         int highPriorityOpened60d) {

    /** Without the 60-day count of urgent tickets (taken as the 14-day one). */
    public TicketLoad(String accountId, int openP1, int openP2, int openP3, int openP4, int opened14d,
                      int highPriorityOpened14d, int opened60d, int oldestOpenAgeDays) {
        this(accountId, openP1, openP2, openP3, openP4, opened14d, highPriorityOpened14d, opened60d, oldestOpenAgeDays,
                highPriorityOpened14d);
    }

    public int open() {
        return openP1 + openP2 + openP3 + openP4;
    }

    public int openHighPriority() {
        return openP1 + openP2;
    }

    /**
     * The P1/P2 tickets the account usually opens in 14 days, judged by the 46 days before the last 14
     * (one decimal): 0.6 for an account with two urgent tickets in those 46 days.
     */
    public double highPriorityUsual14d() {
        return Math.round((highPriorityOpened60d - highPriorityOpened14d) * 140.0 / 46) / 10.0;
    }
}
