package dev.tenure.engine.metrics;

import java.math.BigDecimal;

/**
 * The MRR movements of a group of accounts over one period, in the reporting currency. Starting and
 * ending MRR are the sums of each account's MRR at the period's start and end, so
 * {@code ending = starting + new + reactivation + expansion − contraction − churn}.
 */
public record MrrMovements(BigDecimal startingMrr, BigDecimal newMrr, BigDecimal reactivation,
                           BigDecimal expansion, BigDecimal contraction, BigDecimal churn, BigDecimal endingMrr,
                           int accountsAtStart, int accountsChurned) {

    /** Amounts in cents, so every figure reads the same ({@code 0.00}, not {@code 0}). */
    public MrrMovements {
        startingMrr = cents(startingMrr);
        newMrr = cents(newMrr);
        reactivation = cents(reactivation);
        expansion = cents(expansion);
        contraction = cents(contraction);
        churn = cents(churn);
        endingMrr = cents(endingMrr);
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    public static final MrrMovements NONE = new MrrMovements(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);

    public MrrMovements plus(MrrMovement m) {
        BigDecimal amount = m.amount();
        return new MrrMovements(startingMrr.add(m.starting()),
                m.kind() == MrrMovement.Kind.NEW ? newMrr.add(amount) : newMrr,
                m.kind() == MrrMovement.Kind.REACTIVATION ? reactivation.add(amount) : reactivation,
                m.kind() == MrrMovement.Kind.EXPANSION ? expansion.add(amount) : expansion,
                m.kind() == MrrMovement.Kind.CONTRACTION ? contraction.add(amount) : contraction,
                m.kind() == MrrMovement.Kind.CHURN ? churn.add(amount) : churn,
                endingMrr.add(m.ending()),
                accountsAtStart + (m.starting().signum() > 0 ? 1 : 0),
                accountsChurned + (m.kind() == MrrMovement.Kind.CHURN ? 1 : 0));
    }
}
