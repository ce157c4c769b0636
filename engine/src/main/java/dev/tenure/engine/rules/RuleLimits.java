package dev.tenure.engine.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long rules may run ({@code tenure.rule-limits.*}). A rule's own code cannot loop (the sandbox refuses
 * loops and recursion), but Drools matching many facts against each other can take long; these limits
 * stop that, so one rule set can neither hang an account's evaluation nor hold up the next upload.
 *
 * @param evaluation how long the rules may take over one account (or one scenario); then they are stopped
 *                   and that account's evaluation fails, naming the rule
 * @param checks     how long checking a new rule set may take in all (compiling it, its scenario tests)
 */
@ConfigurationProperties("tenure.rule-limits")
public record RuleLimits(@DefaultValue("2s") Duration evaluation, @DefaultValue("30s") Duration checks) {

    public RuleLimits {
        if (evaluation == null || evaluation.isNegative() || evaluation.isZero()) {
            throw new IllegalArgumentException("tenure.rule-limits.evaluation must be more than 0, was " + evaluation);
        }
        if (checks == null || checks.compareTo(evaluation) < 0) {
            throw new IllegalArgumentException("tenure.rule-limits.checks must be at least tenure.rule-limits.evaluation, was "
                    + checks);
        }
    }

    /** The limits where no settings are read (the scenario command, tests): the same as the defaults above. */
    public static RuleLimits defaults() {
        return new RuleLimits(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }
}
