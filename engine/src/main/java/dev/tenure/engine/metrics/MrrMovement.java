package dev.tenure.engine.metrics;

import java.math.BigDecimal;

/**
 * What one account's MRR did over a period, judged only by where it started and where it ended: several
 * changes within the period net out (up then down by the same amount is no movement at all).
 */
public record MrrMovement(Kind kind, BigDecimal starting, BigDecimal ending) {

    public enum Kind {
        /** Paying at the end, never before. */
        NEW,
        /** Paying at the end, not at the start, but some time before it. */
        REACTIVATION,
        EXPANSION,
        CONTRACTION,
        /** Paying at the start, nothing at the end. */
        CHURN,
        NONE
    }

    public static MrrMovement of(BigDecimal starting, BigDecimal ending, boolean paidBefore) {
        int compared = ending.compareTo(starting);
        Kind kind;
        if (starting.signum() == 0) {
            kind = ending.signum() == 0 ? Kind.NONE : paidBefore ? Kind.REACTIVATION : Kind.NEW;
        } else if (ending.signum() == 0) {
            kind = Kind.CHURN;
        } else {
            kind = compared > 0 ? Kind.EXPANSION : compared < 0 ? Kind.CONTRACTION : Kind.NONE;
        }
        return new MrrMovement(kind, starting, ending);
    }

    /** The size of the movement: always positive, or zero for none. */
    public BigDecimal amount() {
        return ending.subtract(starting).abs();
    }
}
