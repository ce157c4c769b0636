package dev.tenure.engine.rules;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Renewal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.Today;
import dev.tenure.engine.vocabulary.UsageTrend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

/**
 * The per-segment thresholds in rules/churn/thresholds.csv: CS ops change a number in the table and the
 * rules change with it, segment by segment; a mistake in the table is told at its line.
 */
class DecisionTableTest {

    private static final String TABLE = "churn/thresholds.csv";
    private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @TempDir
    Path rules;

    private final RuleSetCompiler compiler = new RuleSetCompiler();

    @BeforeEach
    void copyTheStarterRules() throws IOException {
        Path starter = Path.of("../rules");
        try (Stream<Path> paths = Files.walk(starter)) {
            paths.forEach(p -> copy(p, rules.resolve(starter.relativize(p).toString())));
        }
    }

    @Test
    void the_table_compiles_into_one_readable_rule_per_segment_for_each_threshold() {
        assertThat(compiler.compile(RuleSetFiles.read(rules)).ruleNames()).contains(
                "Core usage dropped and stayed down (high touch): save play for the CSM",
                "Core usage dropped and stayed down (low touch): save play for the CSM",
                "Core usage dropped and stayed down (tech touch): save emails",
                "Core usage falling week after week (high touch): save play for the CSM",
                "Core usage falling week after week (low touch): save play for the CSM",
                "Core usage falling week after week (tech touch): save emails",
                "Core feature not used for weeks (high touch): save play for the CSM",
                "Core feature not used for weeks (low touch): save play for the CSM",
                "Core feature not used for weeks (tech touch): save emails",
                "Urgent tickets piling up (high touch): escalation task",
                "Urgent tickets piling up (low touch): escalation task",
                "Urgent tickets piling up (tech touch): escalation task",
                "Renewal near with poor health (high touch): renewal-risk play",
                "Renewal near with poor health (low touch): renewal-risk play",
                "Renewal near with poor health (tech touch): renewal-risk play");
    }

    @Test
    void a_32_percent_drop_for_three_weeks_starts_a_save_play_for_low_touch_accounts_once_ops_lower_their_threshold_to_30() {
        FactSet lowTouch = account(Segment.LOW_TOUCH, Stage.ADOPTION).coreUsageChange(-32).facts();
        FactSet highTouch = account(Segment.HIGH_TOUCH, Stage.ADOPTION).coreUsageChange(-32).facts();
        assertThat(evaluate(lowTouch, 80).playsAsked()).isEmpty();

        editTable("Core usage dropped and stayed down (low touch): save play for the CSM,LOW_TOUCH,\"35,3\",",
                "Core usage dropped and stayed down (low touch): save play for the CSM,LOW_TOUCH,\"30,3\",");

        RuleOutcome outcome = evaluate(lowTouch, 80);
        assertThat(outcome.playsAsked()).containsExactly("save-usage-drop");
        assertThat(outcome.firedRules()).containsExactly("Core usage dropped and stayed down (low touch): save play for the CSM");
        assertThat(evaluate(highTouch, 80).playsAsked()).as("high touch keeps its 35%").isEmpty();
    }

    @Test
    void tech_touch_accounts_get_the_email_play_and_onboarding_accounts_are_left_to_the_onboarding_nudge() {
        assertThat(evaluate(account(Segment.TECH_TOUCH, Stage.VALUE).coreUsageChange(-60).facts(), 80).playsAsked())
                .containsExactly("save-usage-drop-tech-touch");
        // Past first value already, so the onboarding rule does not move it out of onboarding in the same evaluation.
        FactSet onboarding = account(Segment.HIGH_TOUCH, Stage.ONBOARDING).coreUsageChange(-60).facts();
        FactSet pastFirstValue = new FactSet(onboarding.today(), onboarding.account(), onboarding.contacts(), onboarding.usage(),
                onboarding.tickets(), onboarding.billing(), onboarding.lastNps(), onboarding.csat(),
                List.of(new dev.tenure.engine.vocabulary.Milestone(onboarding.account().id(),
                        dev.tenure.engine.vocabulary.MilestoneType.FIRST_VALUE, NOW.minusSeconds(86_400 * 20))),
                onboarding.plays(), onboarding.renewal(), onboarding.qbr());
        assertThat(evaluate(pastFirstValue, 80).playsAsked()).isEmpty();
    }

    @Test
    void three_urgent_tickets_stop_escalating_tech_touch_accounts_once_ops_ask_four_of_them() {
        FactSet techTouch = account(Segment.TECH_TOUCH, Stage.VALUE).urgentTickets(3).facts();
        FactSet lowTouch = account(Segment.LOW_TOUCH, Stage.VALUE).urgentTickets(3).facts();
        assertThat(evaluate(techTouch, 80).playsAsked()).containsExactly("ticket-escalation");

        editTable("Urgent tickets piling up (tech touch): escalation task,TECH_TOUCH,\"3,2\",",
                "Urgent tickets piling up (tech touch): escalation task,TECH_TOUCH,\"4,2\",");

        assertThat(evaluate(techTouch, 80).playsAsked()).isEmpty();
        assertThat(evaluate(lowTouch, 80).playsAsked()).containsExactly("ticket-escalation");
    }

    @Test
    void a_renewal_is_at_risk_under_the_health_each_segment_sets() {
        FactSet highTouch = account(Segment.HIGH_TOUCH, Stage.RENEWAL).renewsInDays(60).facts();
        assertThat(evaluate(highTouch, 49).playsAsked()).containsExactly("renewal-risk");
        assertThat(evaluate(highTouch, 55).playsAsked()).isEmpty();
        assertThat(evaluate(account(Segment.HIGH_TOUCH, Stage.RENEWAL).renewsInDays(120).facts(), 40).playsAsked()).isEmpty();

        editTable("(high touch): renewal-risk play,HIGH_TOUCH,90,50,", "(high touch): renewal-risk play,HIGH_TOUCH,90,60,");

        assertThat(evaluate(highTouch, 55).playsAsked()).containsExactly("renewal-risk");
        assertThat(evaluate(account(Segment.LOW_TOUCH, Stage.RENEWAL).renewsInDays(60).facts(), 55).playsAsked()).isEmpty();
    }

    @Test
    void a_misspelt_segment_or_a_play_nobody_wrote_is_told_at_the_row_of_the_table() {
        editTable("escalation task,HIGH_TOUCH,\"3,2\",ticket-escalation", "escalation task,HIGH_TUCH,\"3,2\",ticket-escalation");
        editTable("save emails,TECH_TOUCH,\"35,3\",save-usage-drop-tech-touch", "save emails,TECH_TOUCH,\"35,3\",save-usage-drop-tech");

        assertThat(problems()).containsExactlyInAnyOrder(
                new RuleProblem(TABLE, 13, 0, "play 'save-usage-drop-tech' is not in rules/plays/"),
                new RuleProblem(TABLE, 38, 0, "Segment.HIGH_TUCH is not a segment: use Segment.HIGH_TOUCH,"
                        + " Segment.LOW_TOUCH or Segment.TECH_TOUCH"));
    }

    @Test
    void a_threshold_that_is_not_a_number_is_told_at_its_row() {
        editTable("save play for the CSM,LOW_TOUCH,\"35,3\",", "save play for the CSM,LOW_TOUCH,\"forty,3\",");

        assertThat(problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(TABLE);
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.message()).contains("forty");
        });
    }

    @Test
    void a_threshold_beyond_any_number_a_rule_can_hold_is_told_at_its_row() {
        editTable("Core feature not used for weeks (low touch): save play for the CSM,LOW_TOUCH,21,",
                "Core feature not used for weeks (low touch): save play for the CSM,LOW_TOUCH,1e999999999,");

        assertThat(problems()).containsExactly(new RuleProblem(TABLE, 30, 0,
                "1e999999999 is a number out of range: a number in a rule must fit a double (up to about 1.8e308)"));
    }

    @Test
    void given_the_same_huge_threshold_in_two_rows_only_the_row_comparing_it_with_an_int_is_refused() {
        // Row 12 compares it with sustainedChangePct, a double; row 30 with daysSinceLastUse, an int.
        editTable("Core usage dropped and stayed down (low touch): save play for the CSM,LOW_TOUCH,\"35,3\",",
                "Core usage dropped and stayed down (low touch): save play for the CSM,LOW_TOUCH,\"99999999999,3\",");
        editTable("Core feature not used for weeks (low touch): save play for the CSM,LOW_TOUCH,21,",
                "Core feature not used for weeks (low touch): save play for the CSM,LOW_TOUCH,99999999999,");

        assertThat(problems()).containsExactly(new RuleProblem(TABLE, 30, 0,
                "99999999999 is a number out of range: it is used as an int here, which goes up to 2147483647"));
    }

    @Test
    void a_table_reaching_outside_the_vocabulary_is_refused_like_any_rule() {
        editTable("\"playbook.start(\"\"$param\"\", $a);\"\nRule name,Segment,\"P1/P2",
                "\"System.exit(1);\"\nRule name,Segment,\"P1/P2");

        assertThat(problems()).extracting(RuleProblem::file, RuleProblem::message).containsOnly(
                org.assertj.core.groups.Tuple.tuple(TABLE, "'System' is not allowed in rules: rules may use only the"
                        + " fact model, playbook, java.lang value types and java.time"));
    }

    @Test
    void a_quote_left_open_on_a_line_is_refused_at_that_line_rather_than_run_into_the_next_cells() {
        editTable("save play for the CSM,LOW_TOUCH,\"35,3\",", "save play for the CSM,LOW_TOUCH,\"35,3,");

        assertThat(problems()).containsExactly(new RuleProblem(TABLE, 12, 0, "decision table: a quote (\") is not closed"
                + " on this line; a cell is quoted whole on one line, a quote inside it written twice (\"\")"));
    }

    @Test
    void a_table_drools_cannot_read_is_told_with_its_file_and_line() {
        editTable("NAME,CONDITION,CONDITION,ACTION\n,$a : Account,TicketLoad,", "NAME,CONDITION,THRESHOLD,ACTION\n,$a : Account,TicketLoad,");

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(TABLE);
            assertThat(p.line()).isBetween(34, 36);
            assertThat(p.message()).startsWith("decision table: ").contains("leave this cell blank");
        });
    }

    @Test
    void a_threshold_column_that_lost_its_code_is_refused_rather_than_matching_every_account() {
        editTable(",segment == Segment.$param,\"accountId == $a.id, highPriorityOpened14d >= $1, highPriorityOpened14d > "
                + "highPriorityUsual14d * $2\",", ",segment == Segment.$param,,");

        assertThat(problems()).extracting(RuleProblem::line).containsExactly(38, 39, 40);
        assertThat(problems()).first().extracting(RuleProblem::message).asString().startsWith(
                "decision table: '3,2' in column C would be ignored: the column has no code on line 36 to put it in");
    }

    @Test
    void a_table_of_twenty_thousand_rows_is_refused_at_the_row_past_the_limit_before_drools_compiles_any() {
        StringBuilder table = new StringBuilder("""
                RuleSet,churn
                Import,dev.tenure.engine.vocabulary.*
                Variables,Playbook playbook
                RuleTable Many
                NAME,CONDITION,ACTION
                ,$a : Account,
                ,arr > $param,"playbook.start(""call"", $a);"
                Rule,ARR above,Start
                """);
        for (int i = 0; i < 20_000; i++) {
            table.append("row ").append(i).append(',').append(i).append(",x\n");
        }
        RuleFile play = new RuleFile("plays/call.yml", "name: Call\nsteps:\n  - type: task\n    title: Call them\n");

        assertThatThrownBy(() -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> compiler.compile(RuleSetFiles.of(List.of(new RuleFile("churn/many.csv", table.toString()), play)))))
                .isInstanceOf(InvalidRuleSetException.class)
                .extracting(e -> ((InvalidRuleSetException) e).problems(), list(RuleProblem.class))
                .containsExactly(new RuleProblem("churn/many.csv", 509, 0,
                        "a rule set has at most 500 rules, this one has 20000: rule 501 is here"));
    }

    private RuleOutcome evaluate(FactSet facts, int health) {
        RuleSet ruleSet = compiler.compile(RuleSetFiles.read(rules));
        return ruleSet.evaluate(facts, new HealthScore(facts.account().id(), health, -1, List.of(), NOW), List.of(), NOW);
    }

    private List<RuleProblem> problems() {
        try {
            compiler.compile(RuleSetFiles.read(rules));
        } catch (InvalidRuleSetException e) {
            return e.problems();
        }
        return List.of();
    }

    private void editTable(String from, String to) {
        Path table = rules.resolve(TABLE);
        try {
            String text = Files.readString(table);
            assertThat(text).as("the table holds %s", from).contains(from);
            Files.writeString(table, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.copy(from, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AccountFacts account(Segment segment, Stage stage) {
        return new AccountFacts(new Account("dt-" + segment + "-" + stage, "Acme", segment, stage, "csm@tenure.example",
                BigDecimal.valueOf(50_000), "pro", TODAY.minusDays(200), TODAY.plusDays(200), "UTC"), 0, 0, null);
    }

    /** One account's facts, quiet unless a test says otherwise: no drop, no tickets, renewal far away. */
    private record AccountFacts(Account account, double coreChangePct, int urgentTickets, Integer renewsInDays) {

        AccountFacts coreUsageChange(double pct) {
            return new AccountFacts(account, pct, urgentTickets, renewsInDays);
        }

        AccountFacts urgentTickets(int count) {
            return new AccountFacts(account, coreChangePct, count, renewsInDays);
        }

        AccountFacts renewsInDays(int days) {
            return new AccountFacts(account, coreChangePct, urgentTickets, days);
        }

        /** Core usage changed by {@code coreChangePct} in each of the last three weeks against a usual week of 700. */
        FactSet facts() {
            String id = account.id();
            long week = Math.round(700 * (1 + coreChangePct / 100));
            double significance = coreChangePct < 0 ? 20 : 0;
            List<UsageTrend> usage = List.of(
                    new UsageTrend(id, "core", week, 700, coreChangePct, 5, 0, week, week, 700, significance, week, week),
                    new UsageTrend(id, UsageTrend.ALL_FEATURES, week, 700, coreChangePct, 5, 0, week, week, 700, significance, week, week));
            TicketLoad tickets = new TicketLoad(id, urgentTickets, 0, 0, 0, urgentTickets, urgentTickets, urgentTickets, 1);
            BillingStatus billing = new BillingStatus(id, 0, 0, false, BigDecimal.valueOf(4_000), BigDecimal.ZERO);
            Renewal renewal = renewsInDays == null ? null : new Renewal(id, TODAY.plusDays(renewsInDays), renewsInDays);
            return new FactSet(new Today(TODAY, NOW), account, List.of(), usage, tickets, billing, null, null,
                    List.of(), List.of(), renewal, null);
        }
    }
}
