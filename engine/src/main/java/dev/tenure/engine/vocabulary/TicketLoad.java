package dev.tenure.engine.vocabulary;

import java.time.LocalDate;

/**
 * Support load: open tickets by priority and how many were opened recently. {@code highPriorityOpened60d}
 * counts the P1/P2 tickets opened in the last 60 days (the last 14 included), so a rule can tell a spike
 * from an account's usual rate of urgent tickets ({@link #highPriorityUsual14d()}). {@code opened28d} and
 * {@code opened88d} count tickets of any priority, so a rule can tell a pile-up that builds over weeks, of
 * tickets nobody marked urgent, from the account's usual rate ({@link #usual28d()}).
 * <p>
 * {@code daysKnown} is how many of those 88 days lie after the account's first usage day or ticket the engine
 * holds (88 for an account known longer): after an import of 60 days, or in the first weeks of a backtest whose
 * data begins with its period, the days before the data are not days without tickets, so a pile-up is judged on
 * the days known.
 */
public record TicketLoad(String accountId, int openP1, int openP2, int openP3, int openP4,
                         int opened14d, int highPriorityOpened14d, int opened60d, int oldestOpenAgeDays,
                         int highPriorityOpened60d, int opened28d, int opened88d, int daysKnown) {

    /** The longest window a count reads: an account known this long or longer has all of its windows. */
    public static final int WINDOW_DAYS = 88;

    public TicketLoad {
        if (daysKnown < 0 || daysKnown > WINDOW_DAYS) {
            throw new IllegalArgumentException("daysKnown: " + daysKnown + " is not within 0-" + WINDOW_DAYS);
        }
    }

    /** The counts of an account known for all 88 days. */
    public TicketLoad(String accountId, int openP1, int openP2, int openP3, int openP4,
                      int opened14d, int highPriorityOpened14d, int opened60d, int oldestOpenAgeDays,
                      int highPriorityOpened60d, int opened28d, int opened88d) {
        this(accountId, openP1, openP2, openP3, openP4, opened14d, highPriorityOpened14d, opened60d, oldestOpenAgeDays,
                highPriorityOpened60d, opened28d, opened88d, WINDOW_DAYS);
    }

    /** Only the 14-day and 60-day counts (the longer windows taken as the shorter ones). */
    public TicketLoad(String accountId, int openP1, int openP2, int openP3, int openP4, int opened14d,
                      int highPriorityOpened14d, int opened60d, int oldestOpenAgeDays) {
        this(accountId, openP1, openP2, openP3, openP4, opened14d, highPriorityOpened14d, opened60d, oldestOpenAgeDays,
                highPriorityOpened14d, opened14d, opened60d);
    }

    /**
     * The days of the 88 known for an account whose first usage day or ticket was on {@code first} (null: none),
     * as of {@code today}.
     */
    public static int daysKnown(LocalDate first, LocalDate today) {
        return first == null ? 0 : (int) Math.max(0, Math.min(WINDOW_DAYS, today.toEpochDay() - first.toEpochDay()));
    }

    public int open() {
        return openP1 + openP2 + openP3 + openP4;
    }

    public int openHighPriority() {
        return openP1 + openP2;
    }

    /**
     * The P1/P2 tickets the account usually opens in 14 days, judged by the 46 days before the last 14
     * (one decimal): 0.6 for an account with two urgent tickets in those 46 days; by the known days of them when the
     * account is known for less, and 0 when fewer than 14 of them are known, as {@link #usual28d()}.
     */
    public double highPriorityUsual14d() {
        int before = Math.min(daysKnown, 60) - 14;
        return before < 14 ? 0 : Math.round((highPriorityOpened60d - highPriorityOpened14d) * 140.0 / before) / 10.0;
    }

    /**
     * The tickets of any priority the account usually opens in 28 days, judged by the 60 days before the last 28
     * (one decimal): 1.4 for an account with three tickets in those 60 days; by the known days of them when the
     * account is known for less, and 0 when fewer than 14 of them are known (one ticket in a day or two is no rate).
     */
    public double usual28d() {
        int before = daysKnown - 28;
        return before < 14 ? 0 : Math.round((opened88d - opened28d) * 280.0 / before) / 10.0;
    }

    /**
     * How unlikely so many of the last 88 days' tickets are to fall in the last 28 if the account opened them at
     * an even rate, as -log10 of the chance (one decimal): 3 is one chance in 1,000, 0 with no ticket. Six tickets
     * in 28 days after none in the 60 before score 3.0; six after six score 0.8 (a busy account's usual month), so
     * the rule needs no separate floor for small and large accounts. Binomial, each ticket in the last 28 days with
     * probability 28/88, or 28 of the days known: an account known for 28 days or less has nothing to compare
     * with and scores 0.
     */
    public double pileUpSurprise() {
        return surprise(opened28d, 28);
    }

    /**
     * {@link #pileUpSurprise()} for the last 14 days: how unlikely so many of the last 88 days' tickets are to fall in
     * the last 14 at an even rate (one decimal). A burst of four tickets in two weeks after none in the 74 days before
     * scores 3.2, where its 28-day pile-up scores 2.0: a short burst is judged on its own fortnight, not diluted by a
     * quiet one before it. Three after none score 2.4; four after four in the weeks before, 1.6.
     */
    public double burstSurprise() {
        return surprise(opened14d, 14);
    }

    /** -log10 of the chance of at least {@code recent} of the 88 days' tickets in the last {@code days} (of the days known). */
    private double surprise(int recent, int days) {
        if (daysKnown <= 28) {
            return 0;
        }
        return Math.round(-logOfAtLeastRecent(recent, opened88d, (double) days / daysKnown) / Math.log(10) * 10) / 10.0;
    }

    /** The natural log of the chance, so thousands of tickets neither underflow nor read as infinitely surprising. */
    private static double logOfAtLeastRecent(int k, int n, double p) {
        if (k <= 0 || n <= 0) {
            return 0;
        }
        int total = Math.max(n, k);
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        // log C(total, i) built up term by term; the tail's terms added in log space, so none overflows or underflows.
        double logChoose = 0;
        for (int i = 1; i <= k; i++) {
            logChoose += Math.log(total - i + 1) - Math.log(i);
        }
        double term = logChoose + k * logP + (total - k) * logQ;
        double logTail = term;
        double mode = (total + 1) * p;
        for (int i = k + 1; i <= total; i++) {
            term += Math.log(total - i + 1) - Math.log(i) + logP - logQ;
            // Past the mode the terms only shrink: once below a 1e-20 share they cannot move the first decimal, so
            // an account with a million tickets costs no more than one with a hundred.
            if (i > mode && term < logTail - 46) {
                break;
            }
            double high = Math.max(logTail, term);
            logTail = high + Math.log(Math.exp(logTail - high) + Math.exp(term - high));
        }
        return Math.min(0, logTail);
    }
}
