package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Compiling rule sets: the starter pack is valid; broken files are reported with file, line and message. */
class RuleSetCompilerTest {

    private final RuleSetCompiler compiler = new RuleSetCompiler();

    private static final String HEADER = """
            package churn;

            import dev.tenure.engine.vocabulary.*;

            global Playbook playbook;
            """;
    private static final RuleFile PLAY = new RuleFile("plays/call.yml", """
            name: Call
            steps:
              - type: task
                title: Call them
            """);

    @Test
    void the_starter_rule_pack_compiles() {
        RuleSet ruleSet = compiler.compile(RuleSetFiles.read(Path.of("../rules")));

        assertThat(ruleSet.ruleNames()).hasSize(34)
                .contains("The champion became inactive and no other champion is left: find a new one",
                        "Tickets in a burst (tech touch): support check for the CSM");
        assertThat(ruleSet.plays()).containsKeys("save-usage-drop", "failed-payment", "qbr", "renewal-cadence", "renewal-risk",
                "champion-left", "win-back");
        assertThat(ruleSet.plays().get("win-back").audience()).isEqualTo(dev.tenure.engine.plays.Audience.CHURNED);
        assertThat(ruleSet.factSettings().paymentFailedDays()).isEqualTo(30);
        assertThat(ruleSet.plays().get("qbr").cadence().describe()).isEqualTo("every 90d from start");
        assertThat(ruleSet.version()).hasSize(12);
    }

    @Test
    void facts_yml_in_the_rules_folder_or_an_upload_is_part_of_the_rule_set_not_left_behind(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("plays"));
        Files.writeString(folder.resolve(PLAY.path()), PLAY.content());
        Files.writeString(folder.resolve("facts.yml"), "paymentFailedFor: 14d\n");

        assertThat(compiler.compile(RuleSetFiles.read(folder)).factSettings().paymentFailedDays()).isEqualTo(14);
        assertThat(compiler.compile(RuleSetUpload.files(Map.of(PLAY.path(), PLAY.content(),
                "facts.yml", "paymentFailedFor: 21d\n"))).factSettings().paymentFailedDays()).isEqualTo(21);
    }

    @Test
    void facts_yml_sets_how_long_a_failed_payment_counts_and_a_wrong_value_is_told_at_its_line() {
        assertThat(compiler.compile(RuleSetFiles.of(List.of(PLAY, new RuleFile("facts.yml", "paymentFailedFor: 14d\n"))))
                .factSettings().paymentFailedDays()).isEqualTo(14);
        assertThat(compiler.compile(RuleSetFiles.of(List.of(PLAY))).factSettings().paymentFailedDays()).isEqualTo(30);

        RuleFile wrong = new RuleFile("facts.yml", "# how long facts count\npaymentFailedFor: 36h\ninvoiceOverdueFor: 10d\n");
        assertThatThrownBy(() -> compiler.compile(RuleSetFiles.of(List.of(PLAY, wrong))))
                .isInstanceOf(InvalidRuleSetException.class)
                .extracting(e -> ((InvalidRuleSetException) e).problems(), list(RuleProblem.class))
                .containsExactly(
                        new RuleProblem("facts.yml", 2, 0, "paymentFailedFor must be whole days from 1d to 3660d (facts count days), not '36h'"),
                        new RuleProblem("facts.yml", 3, 0, "invoiceOverdueFor is not a fact setting (paymentFailedFor)"));
    }

    @Test
    void a_drl_syntax_error_is_reported_with_its_file_and_line() {
        RuleFile broken = new RuleFile("churn/broken.drl", HEADER + """
                rule "missing then"
                when
                    $a : Account( segment == )
                then
                    playbook.start("call", $a);
                end
                """);

        assertThatThrownBy(() -> compiler.compile(RuleSetFiles.of(List.of(broken, PLAY))))
                .isInstanceOf(InvalidRuleSetException.class)
                .extracting(e -> ((InvalidRuleSetException) e).problems(), list(RuleProblem.class))
                .first().satisfies(p -> {
                    assertThat(p.file()).isEqualTo("churn/broken.drl");
                    assertThat(p.line()).isEqualTo(8);
                    assertThat(p.message()).isNotBlank();
                });
    }

    @Test
    void a_rule_starting_a_play_nobody_wrote_is_reported_at_its_line() {
        RuleFile rule = new RuleFile("churn/typo.drl", HEADER + """
                rule "typo"
                when
                    $a : Account()
                then
                    playbook.start("cal", $a);
                end
                """);

        assertThatThrownBy(() -> compiler.compile(RuleSetFiles.of(List.of(rule, PLAY))))
                .isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("churn/typo.drl:10:")
                .hasMessageContaining("play 'cal' is not in rules/plays/");
    }

    @Test
    void a_play_naming_an_unknown_template_or_a_bad_delay_is_reported_with_its_line() {
        RuleFile play = new RuleFile("plays/welcome.yml", """
                name: Welcome
                cooldown: soon
                steps:
                  - type: email
                    to: champion
                    template: welcom
                """);

        assertThatThrownBy(() -> compiler.compile(RuleSetFiles.of(List.of(play))))
                .isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("plays/welcome.yml:2:0: cooldown: 'soon' is not a duration")
                .hasMessageContaining("plays/welcome.yml:6:0: step 1: template 'welcom' is not in rules/templates/");
    }

    @Test
    void a_cadence_play_reading_facts_only_a_rule_could_have_matched_is_reported_at_its_line() {
        RuleFile play = new RuleFile("plays/renewal.yml", """
                name: Renewal
                cadence:
                  before: renewal
                steps:
                  - type: task
                    before: 30d
                    title: "Renewal on [[${facts.occurrence.on}]] for [[${account.name}]]"
                    details: "Health [[${facts.healthScore.score}]]"
                  - type: email
                    before: 20d
                    to: champion
                    template: reminder
                """);
        RuleFile template = new RuleFile("templates/reminder.html", """
                <html><head><title>Renewal</title></head>
                <body><p th:text="${facts.usageTrend.changePct}">x</p></body></html>
                """);

        assertThatThrownBy(() -> compiler.compile(RuleSetFiles.of(List.of(play, template))))
                .isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("plays/renewal.yml:8:")
                .hasMessageContaining("healthScore")
                .hasMessageContaining("templates/reminder.html:2:")
                .hasMessageContaining("usageTrend");
    }

    @Test
    void a_misspelt_segment_or_stage_is_reported_at_its_line_with_the_values_to_choose_from() {
        RuleFile rule = new RuleFile("churn/typo.drl", HEADER + """
                rule "typo"
                when
                    $a : Account( segment == Segment.HIGH_TUCH,
                                  stage != Stage.ONBORDING )
                then
                    playbook.start("call", $a);
                end
                """);

        assertThatThrownBy(() -> compiler.compile(RuleSetFiles.of(List.of(rule, PLAY))))
                .isInstanceOf(InvalidRuleSetException.class)
                .extracting(e -> ((InvalidRuleSetException) e).problems(), list(RuleProblem.class))
                .containsExactly(
                        new RuleProblem("churn/typo.drl", 8, 30, "Segment.HIGH_TUCH is not a segment: use "
                                + "Segment.HIGH_TOUCH, Segment.LOW_TOUCH or Segment.TECH_TOUCH"),
                        new RuleProblem("churn/typo.drl", 9, 28, "Stage.ONBORDING is not a stage: use Stage.ONBOARDING, "
                                + "Stage.ADOPTION, Stage.VALUE, Stage.RENEWAL, Stage.EXPANSION, Stage.ADVOCACY or Stage.CHURNED"));
    }

    @Test
    void an_expression_drools_cannot_analyse_is_found_at_its_line_although_drools_gives_none() {
        RuleFile rule = new RuleFile("churn/unbound.drl", HEADER + """
                rule "unbound variable"
                when
                    $a : Account()
                    UsageTrend( accountId == $a.id, changePct <= $threshold )
                then
                    playbook.start("call", $a);
                end
                """);

        assertThatThrownBy(() -> compiler.compile(RuleSetFiles.of(List.of(rule, PLAY))))
                .isInstanceOf(InvalidRuleSetException.class)
                .extracting(e -> ((InvalidRuleSetException) e).problems(), list(RuleProblem.class))
                .isNotEmpty()
                .allSatisfy(p -> {
                    assertThat(p.file()).isEqualTo("churn/unbound.drl");
                    assertThat(p.line()).isEqualTo(9);
                    assertThat(p.message()).contains("$threshold");
                });
    }

    @Test
    void a_negative_delay_a_duration_without_unit_and_an_unknown_unit_are_each_reported_at_their_own_step() {
        RuleFile play = new RuleFile("plays/follow-up.yml", """
                name: Follow up
                cooldown: 30
                steps:
                  - type: task
                    delay: 0d
                    title: Call them
                  - type: task
                    delay: -2d
                    title: Call again
                  - type: task
                    delay: 1d
                    dueIn: 2w
                    title: Call once more
                """);

        assertThatThrownBy(() -> compiler.compile(RuleSetFiles.of(List.of(play))))
                .isInstanceOf(InvalidRuleSetException.class)
                .extracting(e -> ((InvalidRuleSetException) e).problems(), list(RuleProblem.class))
                .containsExactly(
                        new RuleProblem("plays/follow-up.yml", 2, 0, "cooldown: '30' is not a duration; write it as 2d, 4h or 30m"),
                        new RuleProblem("plays/follow-up.yml", 8, 0, "step 2: delay: '-2d' is not a duration; write it as 2d, 4h or 30m"),
                        new RuleProblem("plays/follow-up.yml", 12, 0, "step 3: dueIn: '2w' is not a duration; write it as 2d, 4h or 30m"));
    }

    @Test
    void a_number_beyond_any_a_rule_can_hold_is_refused_at_its_line_although_drools_crashes_on_it() {
        RuleFile rule = new RuleFile("churn/detractor.drl", HEADER + """
                rule "detractor"
                when
                    $a : Account()
                    NpsSignal( accountId == $a.id, score <= 1e999999999B )
                then
                    playbook.start("call", $a);
                end
                """);

        assertThat(problems(rule, PLAY)).containsExactly(new RuleProblem("churn/detractor.drl", 9, 45,
                "1e999999999B is a number out of range: a number in a rule must fit a double (up to about 1.8e308)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UsageTrend( accountId == $a.id, changePct < 1e999999999 )                         | 1e999999999
            UsageTrend( accountId == $a.id, changePct > -1e999999999 )                        | 1e999999999
            UsageSignal( accountId == $a.id, quantity > 999999999999999999999999999999L )     | 999999999999999999999999999999L
            UsageSignal( accountId == $a.id, quantity > 1e999999999B )                        | 1e999999999B
            NpsSignal( accountId == $a.id, score <= 1e-999999999B )                           | 1e-999999999B
            NpsSignal( accountId == $a.id, score <= 99999999999 )                             | 99999999999
            UsageTrend( accountId == $a.id, changePct > -99999999999999999999999 )            | 99999999999999999999999
            UsageSignal( accountId == $a.id, quantity > 1e-999999999B )                       | 1e-999999999B
            Account( id == $a.id, arr > 1e999999999 )                                         | 1e999999999
            """)
    void a_number_drools_cannot_hold_where_it_is_written_is_refused_at_its_line_within_seconds(String condition, String number) {
        RuleFile rule = new RuleFile("churn/huge.drl", HEADER + """
                rule "huge"
                when
                    $a : Account()
                    %s
                then
                    playbook.start("call", $a);
                end
                """.formatted(condition));

        List<RuleProblem> problems = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> problems(rule, PLAY));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("churn/huge.drl");
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.column()).isEqualTo(5 + condition.indexOf(number));
            assertThat(p.message()).startsWith(number + " is a number out of range: ");
        });
    }

    @Test
    void a_number_drools_reads_is_left_to_drools_however_long_it_is_written() {
        RuleFile rule = new RuleFile("churn/tiny.drl", HEADER + """
                rule "tiny"
                when
                    $a : Account()
                    UsageTrend( accountId == $a.id, changePct > 1e-999999999B, changePct < 99999999999999999999999 )
                then
                    playbook.start("call", $a);
                end
                """);

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> compiler.compile(RuleSetFiles.of(List.of(rule, PLAY))))
                .ruleNames()).containsExactly("tiny");
    }

    @Test
    void a_number_out_of_range_is_told_in_the_file_that_has_it_among_files_of_one_package() {
        RuleFile fine = new RuleFile("churn/fine.drl", HEADER + """
                rule "fine"
                when
                    $a : Account()
                    UsageTrend( accountId == $a.id, changePct < -30 )
                then
                    playbook.start("call", $a);
                end
                """);
        RuleFile huge = new RuleFile("churn/huge.drl", HEADER + """
                rule "huge"
                when
                    $a : Account()
                    UsageTrend( accountId == $a.id, changePct < 1e999999999 )
                then
                    playbook.start("call", $a);
                end
                """);

        assertThat(problems(fine, huge, PLAY)).containsExactly(new RuleProblem("churn/huge.drl", 9, 49,
                "1e999999999 is a number out of range: a number in a rule must fit a double (up to about 1.8e308)"));
    }

    @Test
    void a_play_nested_deeper_than_yaml_is_read_is_refused_at_the_line_where_it_goes_too_deep() {
        RuleFile play = new RuleFile("plays/call.yml", """
                name: Call
                steps:
                  - type: task
                    title: Call them
                notes: %s
                """.formatted("[".repeat(2000) + "]".repeat(2000)));

        assertThat(problems(play)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("plays/call.yml");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("nesting depth (1001) exceeds the maximum allowed (1000");
        });
    }

    @Test
    void a_play_of_a_hundred_thousand_steps_is_refused_at_its_steps_line_at_once_rather_than_read_step_by_step() {
        StringBuilder play = new StringBuilder("name: Call\ngoal: Reach them\nsteps:\n");
        for (int i = 0; i < 100_000; i++) {
            play.append("  - {type: task, title: t}\n");
        }

        List<RuleProblem> problems = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> problems(new RuleFile("plays/call.yml", play.toString())));

        assertThat(problems).containsExactly(new RuleProblem("plays/call.yml", 3, 0,
                "a play has at most 100 steps, not 100000: every run writes each of them for its account"));
    }

    @Test
    void a_checklist_of_a_million_items_and_texts_of_megabytes_are_refused_at_their_lines() {
        String items = "a, ".repeat(1_000_000);
        RuleFile play = new RuleFile("plays/call.yml", """
                name: Call
                steps:
                  - type: task
                    title: Call them
                  - type: task
                    title: %s
                    details: %s
                  - type: task
                    title: Check
                    checklist: [%s]
                  - type: task
                    title: Check again
                    checklist: [fine, %s]
                """.formatted("t".repeat(501), "d".repeat(10_001), items + "a", "i".repeat(501)));

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> problems(play))).containsExactly(
                new RuleProblem("plays/call.yml", 6, 0, "step 2: title is 501 characters long; at most 500"),
                new RuleProblem("plays/call.yml", 7, 0, "step 2: details is 10001 characters long; at most 10000"),
                new RuleProblem("plays/call.yml", 10, 0, "step 3: a checklist has at most 100 items, not 1000001"),
                new RuleProblem("plays/call.yml", 13, 0, "step 4: checklist item 2 is 501 characters long; at most 500"));
    }

    @Test
    void a_play_text_given_as_a_map_or_a_list_and_a_task_owner_nobody_is_are_refused_at_their_lines() {
        RuleFile play = new RuleFile("plays/call.yml", """
                name: {a: b}
                steps:
                  - type: task
                    title: [Call, them]
                  - type: task
                    title: Call them
                    owner: nobody-at-all
                  - type: task
                    title: Call them too
                    owner: Pat <pat@acme.example>
                  - type: task
                    title: Fine
                    owner: pat@acme.example
                """);

        assertThat(problems(play)).containsExactly(
                new RuleProblem("plays/call.yml", 1, 0, "name must be a text, not a map"),
                new RuleProblem("plays/call.yml", 4, 0, "step 1: title must be a text, not a list"),
                new RuleProblem("plays/call.yml", 7, 0, "step 2: owner must be csm (the account's CSM) or one person's email "
                        + "address, not 'nobody-at-all'"),
                new RuleProblem("plays/call.yml", 10, 0, "step 3: owner must be csm (the account's CSM) or one person's email "
                        + "address, not 'Pat <pat@acme.example>'"));
    }

    @Test
    void a_play_using_a_yaml_alias_is_refused_at_the_alias_rather_than_read_as_the_alias_name() {
        RuleFile play = new RuleFile("plays/call.yml", """
                name: Call
                steps:
                  - type: task
                    title: &greeting Say hello
                  - type: task
                    title: *greeting
                """);

        assertThat(problems(play)).containsExactly(new RuleProblem("plays/call.yml", 6, 0,
                "YAML aliases (*greeting) are not supported; write the lines out"));
    }

    @Test
    void a_yaml_tag_other_than_yamls_own_scalar_ones_is_refused_at_its_line_as_in_the_health_model_rather_than_ignored() {
        RuleFile play = new RuleFile("plays/call.yml", """
                name: Call
                steps:
                  - type: task
                    title: !!java.net.URL "http://attacker.example/"
                """);
        RuleFile step = new RuleFile("plays/email.yml", """
                name: Email
                steps:
                  - !!javax.script.ScriptEngineManager
                    type: task
                    title: Call them
                """);
        RuleFile facts = new RuleFile("facts.yml", "paymentFailedFor: !env 14d\n");
        RuleFile text = new RuleFile("plays/text.yml", """
                name: !!str 0123
                steps:
                  - type: task
                    title: !!str true
                """);

        assertThat(problems(play, step, facts)).containsExactlyInAnyOrder(
                new RuleProblem("plays/call.yml", 4, 0, "YAML tags (!!java.net.URL) are not supported; write the value alone"),
                new RuleProblem("plays/email.yml", 3, 0,
                        "YAML tags (!!javax.script.ScriptEngineManager) are not supported; write the value alone"),
                new RuleProblem("facts.yml", 1, 0, "YAML tags (!env) are not supported; write the value alone"));
        assertThat(problems(text)).as("YAML's own scalar tags keep a value as text").isEmpty();
    }

    @Test
    void a_play_or_facts_file_of_two_yaml_documents_is_refused_at_the_second_rather_than_read_without_it() {
        RuleFile play = new RuleFile("plays/call.yml", """
                name: Call
                steps:
                  - type: task
                    title: Call them
                ---
                cooldown: 1d
                """);
        RuleFile facts = new RuleFile("facts.yml", "paymentFailedFor: 14d\n---\npaymentFailedFor: 60d\n");

        assertThat(problems(play, facts)).containsExactlyInAnyOrder(
                new RuleProblem("plays/call.yml", 6, 0, "a file holds one YAML document; another begins here (after ---)"),
                new RuleProblem("facts.yml", 3, 0, "a file holds one YAML document; another begins here (after ---)"));
    }

    @Test
    void a_step_that_is_not_a_map_or_has_no_type_is_refused_at_its_own_line_not_at_line_0() {
        RuleFile play = new RuleFile("plays/call.yml", """
                name: Call
                steps:
                  - type: task
                    title: Call them
                  - 5
                  - title: Email them
                    delay: 1d
                """);

        assertThat(problems(play)).containsExactly(
                new RuleProblem("plays/call.yml", 5, 0, "step 2: a step is a map with type: task or email, not '5'"),
                new RuleProblem("plays/call.yml", 6, 0, "step 3: type is missing; write type: task or type: email"));
    }

    @Test
    void a_play_that_gives_a_field_twice_is_refused_at_the_second_not_read_with_the_last() {
        RuleFile play = new RuleFile("plays/call.yml", """
                name: Call
                cooldown: 30d
                steps:
                  - type: task
                    title: Call them
                    title: Email them
                cooldown: 1d
                """);

        assertThat(problems(play)).containsExactly(new RuleProblem("plays/call.yml", 6, 0, "Duplicate field 'title'"));
    }

    @Test
    void a_facts_yml_that_gives_a_setting_twice_is_refused_at_the_second_not_read_with_the_last() {
        RuleFile facts = new RuleFile("facts.yml", "# how long facts count\npaymentFailedFor: 14d\npaymentFailedFor: 60d\n");

        assertThat(problems(PLAY, facts)).containsExactly(new RuleProblem("facts.yml", 3, 0, "Duplicate field 'paymentFailedFor'"));
    }

    @Test
    void a_facts_yml_of_maps_nested_deeper_than_yaml_is_read_is_refused_at_the_line_of_the_map_too_deep() {
        RuleFile facts = new RuleFile("facts.yml", "# how long facts count\npaymentFailedFor:\n" + nestedMaps(1100));

        // The file is a map (1 level), paymentFailedFor's value a map from line 3 (2 levels): level 1001 starts at line 1002.
        assertThat(problems(PLAY, facts)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("facts.yml");
            assertThat(p.line()).isEqualTo(1002);
            assertThat(p.message()).contains("nesting depth (1001) exceeds the maximum allowed (1000");
        });
    }

    @Test
    void a_health_model_nested_deeper_than_yaml_is_read_is_refused_at_its_line_rather_than_failing_the_upload() {
        RuleFile health = new RuleFile("health.yml", "# the health model\nbands:\n" + nestedMaps(60));

        assertThat(problems(PLAY, health)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("health.yml");
            assertThat(p.line()).isEqualTo(52);
            assertThat(p.message()).startsWith("not readable as YAML: ").contains("Nesting Depth exceeded max 50");
        });
    }

    /** Maps within maps, one a line, each indented one more space than the one it is in. */
    private static String nestedMaps(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int level = 1; level <= depth; level++) {
            yaml.append(" ".repeat(level)).append("a").append(level).append(":\n");
        }
        return yaml.append(" ".repeat(depth + 1)).append("z: 1\n").toString();
    }

    @Test
    void given_two_files_writing_the_same_huge_number_one_against_a_double_and_one_against_an_int_the_refusal_names_the_int() {
        RuleFile againstDouble = rule("churn/a.drl", "a", "UsageTrend( accountId == $a.id, changePct < 99999999999 )");
        RuleFile againstInt = rule("churn/b.drl", "b", "NpsSignal( accountId == $a.id, score <= 99999999999 )");

        assertThat(problems(againstDouble, againstInt, PLAY)).containsExactly(new RuleProblem("churn/b.drl", 9, 45,
                "99999999999 is a number out of range: it is used as an int here, which goes up to 2147483647"));
    }

    @Test
    void given_one_file_whose_first_rule_compares_a_huge_number_with_a_double_and_whose_second_with_an_int_the_refusal_names_the_second() {
        RuleFile rules = new RuleFile("churn/both.drl", HEADER + """
                rule "against a double"
                when
                    $a : Account()
                    UsageTrend( accountId == $a.id, changePct < 99999999999 )
                then
                    playbook.start("call", $a);
                end

                rule "against an int"
                when
                    $a : Account()
                    $n : NpsSignal( accountId == $a.id,
                                    score <= 99999999999 )
                then
                    playbook.start("call", $a);
                end
                """);

        assertThat(problems(rules, PLAY)).containsExactly(new RuleProblem("churn/both.drl", 18, 30,
                "99999999999 is a number out of range: it is used as an int here, which goes up to 2147483647"));
    }

    @Test
    void given_two_rules_that_both_compare_the_same_huge_number_with_an_int_each_is_told_at_its_own_line() {
        RuleFile first = rule("churn/a.drl", "a", "NpsSignal( accountId == $a.id, score <= 99999999999 )");
        RuleFile second = rule("churn/b.drl", "b", "CsatSignal( accountId == $a.id, score>=99999999999 )");

        String intRange = "99999999999 is a number out of range: it is used as an int here, which goes up to 2147483647";
        assertThat(problems(first, second, PLAY)).containsExactly(
                new RuleProblem("churn/a.drl", 9, 45, intRange), new RuleProblem("churn/b.drl", 9, 44, intRange));
    }

    @Test
    void given_the_same_huge_number_where_no_rule_says_plainly_what_it_is_compared_with_the_refusal_names_every_place() {
        RuleFile first = rule("churn/a.drl", "a", "NpsSignal( accountId == $a.id, score <= 99999999999 + 0 )");
        RuleFile second = rule("churn/b.drl", "b", "NpsSignal( accountId == $a.id, score + 0 <= 99999999999 )");

        assertThat(problems(first, second, PLAY)).containsExactly(new RuleProblem("churn/a.drl", 9, 45,
                "99999999999 is a number out of range: it is used as an int, which goes up to 2147483647,"
                        + " at one of these: churn/a.drl:9:45, churn/b.drl:9:49"));
    }

    @Test
    void given_the_same_number_drools_crashes_on_without_naming_a_type_the_refusal_names_every_place_it_is_written() {
        RuleFile againstDouble = rule("churn/a.drl", "a", "UsageTrend( accountId == $a.id, changePct > 1e-999999999B )");
        RuleFile againstInt = rule("churn/b.drl", "b", "NpsSignal( accountId == $a.id, score <= 1e-999999999B )");

        assertThat(problems(againstDouble, againstInt, PLAY)).containsExactly(new RuleProblem("churn/a.drl", 9, 49,
                "1e-999999999B is a number out of range: Drools could not read it as the number it is compared with,"
                        + " at one of these: churn/a.drl:9:49, churn/b.drl:9:45"));
    }

    private static RuleFile rule(String path, String name, String condition) {
        return new RuleFile(path, HEADER + """
                rule "%s"
                when
                    $a : Account()
                    %s
                then
                    playbook.start("call", $a);
                end
                """.formatted(name, condition));
    }

    private List<RuleProblem> problems(RuleFile... files) {
        try {
            compiler.compile(RuleSetFiles.of(List.of(files)));
        } catch (InvalidRuleSetException e) {
            return e.problems();
        }
        return List.of();
    }
}
