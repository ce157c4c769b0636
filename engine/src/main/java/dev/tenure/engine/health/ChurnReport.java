package dev.tenure.engine.health;

import java.time.LocalDate;
import java.util.List;

/**
 * Does health predict churn? Accounts by their band at the start of [{@code from}, {@code to}), how many of
 * each band cancelled or contracted in the period, and whether the POOR band lost clearly more than the
 * GOOD band ({@link Separation}).
 */
public record ChurnReport(LocalDate from, LocalDate to, int leadDays, String csm, String segment, List<BandRow> bands,
                          Separation separation) {

    /** The bands in the order they are shown, accounts without a score at the start last. */
    public static final List<String> BANDS = List.of("GOOD", "AVERAGE", "POOR", "UNSCORED");

    /**
     * One band: accounts in it at the start, how many cancelled, contracted (an account may do both),
     * cancelled or contracted, their rates (0–1), the median lead time of its cancellations in days (null
     * without any), and the accounts that cancelled or contracted, so every figure can be checked.
     */
    public record BandRow(String band, int accounts, int cancelled, int contracted, int cancelledOrContracted,
                          double cancelledRate, double contractedRate, double rate, Double medianLeadDays,
                          List<ChurnOutcome> lost) {
    }

    /** Whether health separated those who left from those who stayed, and why it says so. */
    public record Separation(Verdict verdict, String reason, double poorRate, double goodRate) {

        public boolean flagged() {
            return verdict != Verdict.SEPARATES;
        }
    }

    public enum Verdict { SEPARATES, DOES_NOT_SEPARATE, TOO_FEW_TO_TELL }
}
