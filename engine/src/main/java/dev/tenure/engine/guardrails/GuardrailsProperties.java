package dev.tenure.engine.guardrails;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Limits on tech-touch email ({@code tenure.guardrails.*}).
 *
 * @param frequencyCap    at most {@code max} tech-touch emails to one address {@code per} period; more are suppressed
 * @param dailyLimit      tech-touch emails per day (in {@code tenure.default-timezone}); more wait for the next day
 * @param dailyWarning    the share of the daily limit past which a warning is logged, once a day
 * @param atTimeTolerance how late a step with {@code at: "HH:mm"} may still go out before it waits for the next such time
 */
@ConfigurationProperties("tenure.guardrails")
public record GuardrailsProperties(@DefaultValue FrequencyCap frequencyCap,
                                   @DefaultValue("2000") int dailyLimit,
                                   @DefaultValue("0.8") double dailyWarning,
                                   @DefaultValue("1h") Duration atTimeTolerance) {

    public GuardrailsProperties {
        if (dailyLimit < 1) {
            throw new IllegalArgumentException("tenure.guardrails.daily-limit must be at least 1, was " + dailyLimit);
        }
        if (dailyWarning <= 0 || dailyWarning > 1) {
            throw new IllegalArgumentException("tenure.guardrails.daily-warning must be above 0 and at most 1, was " + dailyWarning);
        }
        if (atTimeTolerance.isNegative()) {
            throw new IllegalArgumentException("tenure.guardrails.at-time-tolerance must not be negative, was " + atTimeTolerance);
        }
    }

    /**
     * @param max emails to one address within {@code per}
     * @param per the sliding period
     */
    public record FrequencyCap(@DefaultValue("2") int max, @DefaultValue("7d") Duration per) {

        public FrequencyCap {
            if (max < 1) {
                throw new IllegalArgumentException("tenure.guardrails.frequency-cap.max must be at least 1, was " + max);
            }
            if (per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("tenure.guardrails.frequency-cap.per must be positive, was " + per);
            }
        }
    }
}
