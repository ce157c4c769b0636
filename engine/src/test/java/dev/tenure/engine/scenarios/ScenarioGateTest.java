package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A candidate rule set whose own scenarios fail is kept out, with the file and line of each failure. */
class ScenarioGateTest {

    private static final String THRESHOLDS = "churn/thresholds.csv";

    private final ScenarioGate gate = new ScenarioGate(new ScenarioSuite(TestClock.get()));
    private final RuleSetFiles starter = RuleSetFiles.read(Path.of("../rules"));

    RuleSet candidate(RuleFile... changed) {
        List<RuleFile> files = new ArrayList<>(starter.files());
        for (RuleFile f : changed) {
            files.removeIf(existing -> existing.path().equals(f.path()));
            files.add(f);
        }
        return new RuleSetCompiler().compile(RuleSetFiles.of(files));
    }

    @Test
    void the_starter_rule_set_passes_its_own_scenarios() {
        assertThat(gate.check(candidate())).isEmpty();
    }

    @Test
    void a_threshold_raised_so_far_that_a_scenario_fails_keeps_the_candidate_out() {
        String row = "Core usage dropped and stayed down (high touch): save play for the CSM,HIGH_TOUCH,";
        String table = starter.files().stream().filter(f -> f.path().equals(THRESHOLDS)).findFirst()
                .orElseThrow().content();
        assertThat(table).contains(row + "\"35,3\",");

        List<RuleProblem> problems = gate.check(candidate(new RuleFile(THRESHOLDS,
                table.replace(row + "\"35,3\",", row + "\"70,3\","))));

        // The usage threshold also decides journey scenarios now (a usage drop beside a renewal risk): each failing
        // scenario is told at its own file and line.
        assertThat(problems).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isIn("tests/churn.yml", "tests/journey.yml");
            assertThat(p.column()).isZero();
        });
        assertThat(problems.get(0).file()).isEqualTo("tests/churn.yml");
        assertThat(problems.get(0).line()).isEqualTo(11);
        assertThat(problems.get(0).message()).startsWith("scenario \"A high-touch account whose core usage fell 60% for four "
                + "weeks gets a save play for its CSM\" failed: expected plays [save-usage-drop] but started [] — rules that fired: "
                + "none; rule \"Core usage dropped and stayed down (high touch): save play for the CSM\" needs ")
                .contains("sustainedChangePct <= -70").contains("sustainedChangePct was -60.0");
    }

    @Test
    void a_scenario_file_that_does_not_read_keeps_the_candidate_out_too() {
        List<RuleProblem> problems = gate.check(candidate(new RuleFile("tests/new.yml", """
                - scenario: A typo in a play name
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  expect: { plays: [ save-usage-dorp ] }
                """)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("tests/new.yml");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).startsWith("expect: plays: play 'save-usage-dorp' is not in rules/plays/");
        });
    }

    @Test
    void given_a_scenario_file_with_amount_1e300000000_its_upload_is_refused_at_its_line_instead_of_stalling() {
        // An MRR change of 100.50 to 1e300000000 is a subtraction BigDecimal takes minutes over.
        RuleSet candidate = candidate(new RuleFile("tests/money.yml", """
                - scenario: A raise to more money than there is
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                    - billing: { at: -40d, event: MRR_CHANGED, amount: 100.50 }
                    - billing: { at: -2d, event: MRR_CHANGED, amount: 1e300000000 }
                  expect: { plays: [] }
                """));

        List<RuleProblem> problems = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> gate.check(candidate));

        assertThat(problems).extracting(RuleProblem::toString).containsExactly(
                "tests/money.yml:5:0: signal 2 (billing): amount: '1E+300000000' is beyond ±999999999999.99");
    }

    @Test
    void given_a_scenario_file_with_amount_1e999999999_its_upload_is_refused_at_its_line_not_failed_without_one() {
        // 1e999999999 - 1e300000000 is beyond what BigDecimal can hold: it threw, and the upload failed at no line.
        RuleSet candidate = candidate(new RuleFile("tests/money.yml", """
                - scenario: A raise beyond arithmetic
                  account: { segment: LOW_TOUCH, stage: VALUE, arr: 1e999999999 }
                  signals:
                    - billing: { at: -2d, event: MRR_CHANGED, amount: 1e300000000 }
                    - billing: { at: -1d, event: MRR_CHANGED, amount: 1e999999999 }
                  expect: { plays: [] }
                """));

        List<RuleProblem> problems = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> gate.check(candidate));

        assertThat(problems).extracting(RuleProblem::toString).containsExactly(
                "tests/money.yml:2:0: account: arr: '1E+999999999' is beyond ±999999999999.99",
                "tests/money.yml:4:0: signal 1 (billing): amount: '1E+300000000' is beyond ±999999999999.99",
                "tests/money.yml:5:0: signal 2 (billing): amount: '1E+999999999' is beyond ±999999999999.99");
    }

    @Test
    void given_a_usage_range_from_a_date_to_far_ahead_its_upload_is_refused_at_its_line_instead_of_making_a_signal_a_day() {
        // Its length depended on the day it ran, so it was never checked: a signal a day to 2.7 million years ahead.
        RuleSet candidate = candidate(new RuleFile("tests/usage.yml", """
                - scenario: Use until the end of time
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                    - usage: { feature: core, from: 2026-01-01, to: +999999d, daily: 1 }
                  expect: { plays: [] }
                """));

        List<RuleProblem> problems = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> gate.check(candidate));

        assertThat(problems).extracting(RuleProblem::toString).containsExactly(
                "tests/usage.yml:4:0: signal 1 (usage): to: '+999999d' is more than 36525 days from now (times lie between "
                        + "2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z)");
    }
}
