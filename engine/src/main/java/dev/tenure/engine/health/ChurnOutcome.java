package dev.tenure.engine.health;

/**
 * What one account did in a churn report's period: its band at the start ({@code UNSCORED} without a score
 * by then), whether it cancelled and whether it contracted, and the lead time of a cancellation (days from
 * entering the band it had when it cancelled to the cancellation; null when not cancelled or not known).
 */
public record ChurnOutcome(String accountId, String name, String segment, String csm, String startBand,
                           boolean cancelled, boolean contracted, Long leadDays) {

    public boolean lost() {
        return cancelled || contracted;
    }
}
