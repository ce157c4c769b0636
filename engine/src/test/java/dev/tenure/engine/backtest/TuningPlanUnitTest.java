package dev.tenure.engine.backtest;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The tuning file: knobs and goal as written, and every mistake at its line. */
class TuningPlanUnitTest {

    @Test
    void a_goal_may_ask_for_a_precision_too_and_a_precision_above_1_is_refused_at_its_line() {
        String tuning = """
                goal: { minRecall: 0.9, minPrecision: %s }
                health:
                  - component: usage
                    parameter: weight
                    min: 10
                    max: 50
                    step: 5
                """;

        assertThat(TuningPlan.parse("churn/tuning.yml", tuning.formatted("0.5")).goal())
                .isEqualTo(new TuningPlan.Goal(0.9, 21, null, 0.5));
        assertThatThrownBy(() -> TuningPlan.parse("churn/tuning.yml", tuning.formatted("1.5")))
                .isInstanceOf(InvalidTuningException.class).hasMessageContaining("churn/tuning.yml:1:")
                .hasMessageContaining("goal.minPrecision");
    }

    @Test
    void thresholds_and_health_numbers_are_read_with_their_ranges_and_the_goal() {
        TuningPlan plan = TuningPlan.parse("churn/tuning.yml", """
                goal:
                  minRecall: 0.85
                  minMedianLeadDays: 21
                  minHealthRatio: 3
                thresholds:
                  - table: Core usage drop
                    column: Core usage fell by at least
                    rows: [HIGH_TOUCH, LOW_TOUCH]
                    parameter: 2
                    min: 30
                    max: 70
                    step: 10
                health:
                  - component: usage
                    parameter: weight
                    min: 10
                    max: 50
                    step: 5
                  - band: average
                    name: bottom of AVERAGE
                    min: 40
                    max: 60
                    step: 2.5
                """);

        assertThat(plan.goal()).isEqualTo(new TuningPlan.Goal(0.85, 21, 3.0, null));
        assertThat(plan.knobs()).extracting(Knob::label, Knob::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Core usage drop: Core usage fell by at least (value 2) (HIGH_TOUCH, LOW_TOUCH)", 6),
                org.assertj.core.groups.Tuple.tuple("health usage weight", 14),
                org.assertj.core.groups.Tuple.tuple("bottom of AVERAGE", 19));
        assertThat(plan.knobs().get(0)).isInstanceOfSatisfying(Knob.TableCells.class, k -> {
            assertThat(k.file()).isEqualTo("churn/thresholds.csv");
            assertThat(k.rows()).containsExactly("HIGH_TOUCH", "LOW_TOUCH");
            assertThat(k.parameter()).isEqualTo(2);
            assertThat(k.range().values()).containsExactly(30.0, 40.0, 50.0, 60.0, 70.0);
        });
        assertThat(plan.knobs().get(2).range().values()).hasSize(9).contains(42.5);
    }

    /**
     * A report shows each knob's value by its name: two knobs of one name (the same band twice, or two names written
     * alike) would show one value for both, and two knobs moving the same number would undo each other's moves.
     */
    @Test
    void two_knobs_of_one_name_are_refused_at_the_second_ones_line() {
        String sameBand = """
                health:
                  - band: good
                    min: 60
                    max: 80
                    step: 5
                  - band: good
                    min: 70
                    max: 90
                    step: 5
                """;
        String sameName = """
                thresholds:
                  - table: Urgent tickets
                    column: P1/P2
                    parameter: 1
                    name: tickets
                    min: 1
                    max: 5
                    step: 1
                health:
                  - component: support
                    parameter: perOtherOpen
                    name: tickets
                    min: 5
                    max: 20
                    step: 5
                """;

        assertThatThrownBy(() -> TuningPlan.parse("churn/tuning.yml", sameBand)).isInstanceOf(InvalidTuningException.class)
                .hasMessageContaining("churn/tuning.yml:6:").hasMessageContaining("'health band good'").hasMessageContaining("line 2");
        assertThatThrownBy(() -> TuningPlan.parse("churn/tuning.yml", sameName)).isInstanceOf(InvalidTuningException.class)
                .hasMessageContaining("churn/tuning.yml:10:").hasMessageContaining("'tickets'");
    }

    /**
     * Names of their own do not make two knobs of one number: applied one after the other, the later one would undo
     * the earlier one's moves while both were reported as tuned.
     */
    @Test
    void two_knobs_of_other_names_that_set_one_number_are_refused_at_the_second_ones_line_against_the_rule_set() throws Exception {
        java.util.Map<String, String> files = starterFiles();
        TuningPlan overlappingRows = TuningPlan.parse("churn/tuning.yml", """
                thresholds:
                  - table: Urgent tickets
                    column: P1/P2
                    parameter: 1
                    rows: [HIGH_TOUCH]
                    name: urgent tickets, high touch
                    min: 1
                    max: 5
                    step: 1
                  - table: Urgent tickets
                    column: p1/p2 tickets opened
                    parameter: 1
                    name: urgent tickets
                    min: 2
                    max: 6
                    step: 1
                """);
        TuningPlan sameBand = TuningPlan.parse("churn/tuning.yml", """
                health:
                  - band: good
                    name: top of AVERAGE
                    min: 60
                    max: 80
                    step: 5
                  - band: good
                    name: bottom of GOOD
                    min: 70
                    max: 90
                    step: 5
                """);
        TuningPlan otherValues = TuningPlan.parse("churn/tuning.yml", """
                thresholds:
                  - table: Urgent tickets
                    column: P1/P2
                    parameter: 1
                    min: 1
                    max: 5
                    step: 1
                  - table: Urgent tickets
                    column: P1/P2
                    parameter: 2
                    min: 1
                    max: 4
                    step: 1
                """);

        assertThatThrownBy(() -> overlappingRows.check(TuningPlan.FILE, files)).isInstanceOf(InvalidTuningException.class)
                .hasMessageContaining("churn/tuning.yml:10: the knob at line 2 ('urgent tickets, high touch') sets churn/thresholds.csv:")
                .hasMessageContaining("each number one knob");
        assertThatThrownBy(() -> sameBand.check(TuningPlan.FILE, files)).isInstanceOf(InvalidTuningException.class)
                .hasMessageContaining("churn/tuning.yml:7: the knob at line 2 ('top of AVERAGE') sets health.yml:");
        TuningPlan twoWeights = TuningPlan.parse("churn/tuning.yml", """
                health:
                  - component: usage
                    parameter: weight
                    min: 10
                    max: 50
                    step: 5
                  - component: support
                    parameter: weight
                    min: 10
                    max: 30
                    step: 5
                """);
        assertThatThrownBy(() -> twoWeights.check(TuningPlan.FILE, files)).as("a weight moves the others in proportion")
                .isInstanceOf(InvalidTuningException.class).hasMessageContaining("churn/tuning.yml:7: the knob at line 2");
        assertThatCode(() -> otherValues.check(TuningPlan.FILE, files)).doesNotThrowAnyException();
    }

    @Test
    void without_a_goal_it_aims_at_recall_0_9_and_a_median_lead_of_21_days() {
        TuningPlan plan = TuningPlan.parse("churn/tuning.yml", """
                health:
                  - band: good
                    min: 60
                    max: 80
                    step: 5
                """);

        assertThat(plan.goal()).isEqualTo(new TuningPlan.Goal(0.9, 21, null, null));
    }

    @Test
    void every_mistake_is_told_at_its_line() {
        InvalidTuningException e = catchThrowableOfType(InvalidTuningException.class, () -> TuningPlan.parse("churn/tuning.yml", """
                goal:
                  minRecall: 1.5
                thresholds:
                  - table: Core usage drop
                    colum: Core usage
                    min: 70
                    max: 30
                    step: 10
                health:
                  - band: best
                    min: 1
                    max: 2
                    step: 0
                  - component: usage
                    parameter: weight
                    min: 0
                    max: 1000
                    step: 1
                """));

        assertThat(e.problems()).containsExactly(
                "churn/tuning.yml:2: goal.minRecall: 1.5 is not between 0 and 1",
                "churn/tuning.yml:5: a threshold knob: 'colum' is not a field here; use column, file, max, min, name, parameter, rows, step, table",
                "churn/tuning.yml:4: column is required",
                "churn/tuning.yml:7: max 30 is below min 70",
                "churn/tuning.yml:13: step must be above 0",
                "churn/tuning.yml:10: band: 'best' is not a band; use good or average",
                "churn/tuning.yml:18: min to max in steps of 1 is 1001 values; at most 100 (take a larger step)");
    }

    @Test
    void texts_longer_than_an_id_or_with_control_characters_are_refused_at_their_line_and_shown_escaped() {
        InvalidTuningException e = catchThrowableOfType(InvalidTuningException.class, () -> TuningPlan.parse("churn/tuning.yml", """
                thresholds:
                  - table: %s
                    column: "Core\\u0000usage"
                    rows: [ HIGH_TOUCH, "LOW\\nTOUCH" ]
                    name: %s
                    "min\\u0000": 1
                    min: 1
                    max: 2
                    step: 1
                """.formatted("t".repeat(201), "n".repeat(321))));

        assertThat(e.problems()).containsExactly(
                "churn/tuning.yml:6: a threshold knob: 'min\\u0000' is not a field here; use column, file, max, min, name, "
                        + "parameter, rows, step, table",
                "churn/tuning.yml:2: table: is 201 characters long; at most 200",
                "churn/tuning.yml:3: column: 'Core\\u0000usage' contains a control character (U+0000) at position 5",
                "churn/tuning.yml:4: rows: 'LOW\\u000aTOUCH' contains a control character (U+000A) at position 4");
    }

    @Test
    void a_range_beyond_a_billion_is_refused_at_its_line_rather_than_counted_short() {
        // 4,294,967,347 values: counted in an int it wrapped round to 51, was accepted, and only 0 to 100 were tried
        InvalidTuningException e = catchThrowableOfType(InvalidTuningException.class, () -> TuningPlan.parse("churn/tuning.yml", """
                health:
                  - band: good
                    min: 0
                    max: 4294967346
                    step: 1
                """));

        assertThat(e.problems()).containsExactly(
                "churn/tuning.yml:4: max: 4294967346 is out of range: a tuning number lies between -1000000000 and 1000000000,"
                        + " with at most 6 decimals");
    }

    @Test
    void a_billion_values_within_the_bounds_are_counted_in_full_and_refused() {
        InvalidTuningException e = catchThrowableOfType(InvalidTuningException.class, () -> TuningPlan.parse("churn/tuning.yml", """
                health:
                  - band: good
                    min: -1000000000
                    max: 1000000000
                    step: 0.000001
                """));

        assertThat(e.problems()).containsExactly(
                "churn/tuning.yml:5: min to max in steps of 0.000001 is 2000000000000001 values; at most 100 (take a larger step)");
    }

    @Test
    void huge_exponents_and_endless_digits_are_refused_at_once_without_counting_them_out() {
        String tuning = """
                health:
                  - band: good
                    min: %s
                    max: %s
                    step: %s
                """;

        InvalidTuningException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
                InvalidTuningException.class, () -> TuningPlan.parse("churn/tuning.yml",
                        tuning.formatted("-1e10000000", "1e10000000", "1e-10000000"))));
        InvalidTuningException digits = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
                InvalidTuningException.class, () -> TuningPlan.parse("churn/tuning.yml",
                        tuning.formatted("0", "1" + "0".repeat(100_000), "0." + "0".repeat(100_000) + "1"))));

        String bounds = " is out of range: a tuning number lies between -1000000000 and 1000000000, with at most 6 decimals";
        assertThat(e.problems()).containsExactly(
                "churn/tuning.yml:3: min: -1e10000000" + bounds,
                "churn/tuning.yml:4: max: 1e10000000" + bounds,
                "churn/tuning.yml:5: step: 1e-10000000" + bounds);
        assertThat(digits.problems()).containsExactly(
                "churn/tuning.yml:4: max: 10000000000000000000…" + bounds,
                "churn/tuning.yml:5: step: 0.000000000000000000…" + bounds);
    }

    @Test
    void a_goal_too_large_to_write_out_is_refused_as_written() {
        assertThatThrownBy(() -> TuningPlan.parse("churn/tuning.yml", """
                goal: { minRecall: 1e10000000 }
                health:
                  - band: good
                    min: 60
                    max: 80
                    step: 5
                """)).isInstanceOf(InvalidTuningException.class).hasMessage("churn/tuning.yml:1: goal.minRecall: 1e10000000"
                + " is out of range: a tuning number lies between -1000000000 and 1000000000, with at most 6 decimals");
    }

    @Test
    void a_file_that_is_not_yaml_or_tunes_nothing_is_refused() {
        assertThatThrownBy(() -> TuningPlan.parse("churn/tuning.yml", "goal: [unclosed\n"))
                .isInstanceOf(InvalidTuningException.class).hasMessageStartingWith("churn/tuning.yml:");
        assertThatThrownBy(() -> TuningPlan.parse("churn/tuning.yml", "goal:\n  minRecall: 0.9\n"))
                .hasMessage("churn/tuning.yml:1: nothing to tune: list knobs under thresholds or health");
    }

    @Test
    void the_tuning_file_of_this_repository_fits_its_starter_rules() throws Exception {
        TuningPlan plan = TuningPlan.parse(TuningPlan.FILE, java.nio.file.Files.readString(RULES.resolve(TuningPlan.FILE)));

        plan.check(TuningPlan.FILE, starterFiles());

        assertThat(plan.knobs()).isNotEmpty();
    }

    /** The rules folder of this repository. */
    private static final java.nio.file.Path RULES = java.nio.file.Path.of(System.getProperty("tuning.rules", "../rules"));

    /** The starter rule set's files, path to content, as a tuning edits them. */
    private static java.util.Map<String, String> starterFiles() {
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        dev.tenure.engine.rules.RuleSetFiles.read(RULES).files().forEach(f -> files.put(f.path(), f.content()));
        return files;
    }
}
