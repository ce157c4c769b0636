package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.scenarios.RuleConditions.Condition;
import dev.tenure.engine.scenarios.RuleConditions.Rule;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules a decision table makes are explained like written DRL: what each row's rule needs, read from
 * the DRL the table compiles into, so a failure quotes the threshold in force in the table.
 */
class RuleConditionsTest {

    private static final String TECH_TOUCH_TICKETS = "Urgent tickets piling up (tech touch): escalation task";

    @TempDir
    Path dir;

    @Test
    void each_row_of_the_table_is_a_rule_with_its_segment_its_threshold_and_its_play() {
        RuleConditions rules = RuleConditions.of(RuleSetFiles.read(Path.of("../rules")));

        assertThat(rules.named(TECH_TOUCH_TICKETS)).singleElement().satisfies(r -> {
            assertThat(r.conditions()).containsExactly(
                    new Condition("Account", false, List.of("segment == Segment.TECH_TOUCH")),
                    new Condition("TicketLoad", false, List.of("highPriorityOpened14d >= 3",
                            "highPriorityOpened14d > highPriorityUsual14d * 2")));
            assertThat(r.plays()).containsExactly("ticket-escalation");
        });
        assertThat(rules.startingPlay("renewal-risk")).extracting(Rule::name).containsExactlyInAnyOrder(
                "Renewal near with poor health (high touch): renewal-risk play",
                "Renewal near with poor health (low touch): renewal-risk play",
                "Renewal near with poor health (tech touch): renewal-risk play");
        assertThat(rules.named("Renewal near with poor health (low touch): renewal-risk play").get(0).conditions())
                .extracting(Condition::toString).containsExactly("Account(segment == Segment.LOW_TOUCH)",
                        "Renewal(daysUntil >= 0, daysUntil <= 90)", "HealthScore(score < 50)");
    }

    @Test
    void given_ops_raised_the_tech_touch_ticket_threshold_to_4_then_a_failure_quotes_4_and_the_count_it_saw()
            throws IOException {
        Path rules = ScenarioCommandTest.copyOfStarterRules(dir);
        Path table = rules.resolve("churn/thresholds.csv");
        Files.writeString(table, Files.readString(table).replace(TECH_TOUCH_TICKETS + ",TECH_TOUCH,\"3,2\",",
                TECH_TOUCH_TICKETS + ",TECH_TOUCH,\"4,2\","));
        RuleSet raised = new RuleSetCompiler().compile(RuleSetFiles.read(rules));

        ScenarioReport report = new ScenarioSuite(TestClock.get()).run(raised, "tests/tickets.yml", """
                - scenario: Three urgent tickets at a tech-touch account
                  account: { segment: TECH_TOUCH, stage: VALUE, startedOn: -410d, renewalOn: +200d }
                  signals:
                    - ticket: { at: -4d, priority: P1, status: OPEN }
                    - ticket: { at: -3d, priority: P1, status: OPEN }
                    - ticket: { at: -2d, priority: P2, status: OPEN }
                  expect: { plays: [ ticket-escalation ] }
                """);

        assertThat(report.results()).singleElement().satisfies(r -> assertThat(r.failures()).containsExactly(
                "expected plays [ticket-escalation] but started [] — rules that fired: none; "
                        + "rule \"" + TECH_TOUCH_TICKETS + "\" needs Account(segment == Segment.TECH_TOUCH) and "
                        + "TicketLoad(highPriorityOpened14d >= 4, highPriorityOpened14d > highPriorityUsual14d * 2); "
                        + "here Account segment was TECH_TOUCH; TicketLoad highPriorityOpened14d was 3, highPriorityUsual14d was 0.0; "
                        + "rule \"Urgent tickets piling up (high touch): escalation task\" is only for "
                        + "Account(segment == Segment.HIGH_TOUCH); "
                        + "rule \"Urgent tickets piling up (low touch): escalation task\" is only for "
                        + "Account(segment == Segment.LOW_TOUCH)"));
    }

    @Test
    void a_table_that_does_not_read_explains_no_rules_and_breaks_nothing() {
        RuleSetFiles files = RuleSetFiles.of(List.of(new dev.tenure.engine.rules.RuleFile("churn/thresholds.csv",
                "RuleTable Broken\nNAME,CONDITION\n")));

        assertThat(RuleConditions.of(files).startingPlay("ticket-escalation")).isEmpty();
    }
}
