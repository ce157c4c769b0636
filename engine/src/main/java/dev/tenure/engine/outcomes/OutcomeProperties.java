package dev.tenure.engine.outcomes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outcome report settings ({@code tenure.outcomes.*}).
 *
 * @param minimumRuns a play's comparison is marked "too few to tell" while its enrolled or its held-out
 *                    side has fewer runs than this whose horizon has passed
 */
@ConfigurationProperties("tenure.outcomes")
public record OutcomeProperties(@DefaultValue("20") int minimumRuns) {
}
