package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleLimits;
import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A rule's own code cannot loop, but Drools matching many facts against each other can run for a very
 * long time: the rules are stopped at the evaluation limit, the rule is named at its line, and the next
 * rule set is checked as if nothing had happened.
 */
class SlowRulesAreStoppedTest {

    private static final RuleLimits LIMITS = new RuleLimits(Duration.ofMillis(300), Duration.ofSeconds(10));
    private static final RuleFile PLAY = new RuleFile("plays/call.yml", """
            name: Call
            steps:
              - type: task
                title: Call them
            """);
    /** Twelve usage trends (eleven features and "all") compared seven deep: about 20 million combinations. */
    private static final RuleFile SLOW = new RuleFile("churn/slow.drl", """
            package churn;

            import dev.tenure.engine.vocabulary.*;

            global Playbook playbook;

            rule "Every feature against every other"
            when
                $a : Account()
                UsageTrend( $f : feature )
                UsageTrend( feature != $f )
                UsageTrend( feature != $f )
                UsageTrend( feature != $f )
                UsageTrend( feature != $f )
                UsageTrend( feature != $f )
                UsageTrend( feature != $f )
                UsageTrend( feature == $f + "never" )
            then
                playbook.start("call", $a);
            end
            """);
    private static final RuleFile SCENARIO = new RuleFile("tests/slow.yml", """
            - scenario: An account using eleven features
              account: { segment: HIGH_TOUCH, stage: VALUE, startedOn: -400d, renewalOn: +200d }
              signals:
            %s
              expect:
                plays: []
            - scenario: The same account again
              account: { segment: HIGH_TOUCH, stage: VALUE, startedOn: -400d, renewalOn: +200d }
              expect:
                plays: []
            """.formatted(IntStream.rangeClosed(1, 11)
            .mapToObj(i -> "    - usage: { feature: f" + i + ", from: -3d, to: now, daily: 1 }")
            .collect(Collectors.joining("\n"))));

    private final ScenarioGate gate = new ScenarioGate(new ScenarioSuite(TestClock.get()));

    @Test
    void rules_matching_without_end_are_stopped_at_the_limit_and_the_rule_is_named_at_its_line() {
        RuleSet slow = new RuleSetCompiler(LIMITS).compile(RuleSetFiles.of(List.of(SLOW, SCENARIO, PLAY)));

        List<RuleProblem> problems = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> gate.check(slow));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).satisfiesAnyOf(
                p -> assertThat(p.toString()).startsWith("churn/slow.drl:7:0: rule \"Every feature against every other\""
                        + " did not finish within 300ms and was stopped"),
                p -> assertThat(p.toString()).startsWith("tests/slow.yml:1:0: scenario \"An account using eleven features\""
                        + " failed: the rules could not be evaluated: the rules did not finish within 300ms"));
        assertThat(problems.get(1).message()).contains("not run: the rules were stopped at the time limit");
    }

    @Test
    void after_a_stopped_evaluation_the_next_rule_set_is_checked_as_usual() {
        RuleSetCompiler compiler = new RuleSetCompiler(LIMITS);
        RuleSet slow = compiler.compile(RuleSetFiles.of(List.of(SLOW, SCENARIO, PLAY)));
        assertThat(gate.check(slow)).isNotEmpty();

        RuleSet quick = compiler.compile(RuleSetFiles.of(List.of(PLAY, new RuleFile("churn/slow.drl",
                SLOW.content().replace("UsageTrend( feature != $f )\n", "")), SCENARIO)));

        assertThat(gate.check(quick)).isEmpty();
    }
}
