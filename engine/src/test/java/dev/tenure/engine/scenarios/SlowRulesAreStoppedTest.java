package dev.tenure.engine.scenarios;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.rules.RuleEvaluationException;
import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleLimits;
import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.Today;
import dev.tenure.engine.vocabulary.UsageTrend;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    void a_replay_matching_without_end_is_stopped_too_not_left_to_fill_the_memory() {
        RuleSet slow = new RuleSetCompiler(LIMITS).compile(RuleSetFiles.of(List.of(SLOW, PLAY)));
        // Twenty features seven deep: about a billion combinations, which a halt between firings never reaches.
        FactSet facts = facts(20);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
                () -> slow.replay(facts, null, List.of(), NOW))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessageContaining("did not finish within 300ms"));
        // The thread that was stopped replays the next account as usual.
        RuleSet quick = new RuleSetCompiler(LIMITS).compile(RuleSetFiles.of(List.of(PLAY, new RuleFile("churn/slow.drl",
                SLOW.content().replace("UsageTrend( feature != $f )\n", "")))));
        assertThat(quick.replay(facts, null, List.of(), NOW).decisions()).isEmpty();
    }

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final Instant NOW = TODAY.atStartOfDay().toInstant(ZoneOffset.UTC);

    private static FactSet facts(int features) {
        String id = "slow";
        Account account = new Account(id, "Acme", Segment.HIGH_TOUCH, Stage.VALUE, "csm@tenure.example",
                BigDecimal.valueOf(50_000), "pro", TODAY.minusDays(400), TODAY.plusDays(200), "UTC");
        List<UsageTrend> usage = IntStream.rangeClosed(1, features)
                .mapToObj(i -> new UsageTrend(id, "f" + i, 10, 10, 0, 1, 0)).toList();
        return new FactSet(new Today(TODAY, NOW), account, List.of(), usage, new TicketLoad(id, 0, 0, 0, 0, 0, 0, 0, 1),
                new BillingStatus(id, 0, 0, false, BigDecimal.valueOf(4_000), BigDecimal.ZERO), null, null, List.of(),
                List.of(), null, null);
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
