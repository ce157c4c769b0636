package dev.tenure.engine.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the churn report judges whether health predicts churn ({@code tenure.health.churn-report.*}).
 *
 * @param minAccountsPerBand fewer accounts than this in the GOOD or the POOR band at the start of the period
 *                           and the report says it has too few accounts to tell
 * @param minLift            the POOR band's rate of cancelled-or-contracted accounts must be at least this many
 *                           times the GOOD band's (and above it) for the model to count as separating them
 * @param leadDays           how far before a cancellation the lead time looks for the day the account entered
 *                           the band it had when it cancelled, unless a request says otherwise
 */
@ConfigurationProperties("tenure.health.churn-report")
public record ChurnReportProperties(@DefaultValue("5") int minAccountsPerBand, @DefaultValue("2.0") double minLift,
                                    @DefaultValue("365") int leadDays) {

    public ChurnReportProperties {
        if (minAccountsPerBand < 1) {
            throw new IllegalArgumentException("tenure.health.churn-report.min-accounts-per-band must be at least 1, was "
                    + minAccountsPerBand);
        }
        if (minLift < 1) {
            throw new IllegalArgumentException("tenure.health.churn-report.min-lift must be at least 1, was " + minLift);
        }
        if (leadDays < 1) {
            throw new IllegalArgumentException("tenure.health.churn-report.lead-days must be at least 1, was " + leadDays);
        }
    }
}
