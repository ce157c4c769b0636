package dev.tenure.engine.backtest;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tuner's edits of rule files: one number changed where it stands, everything else as written. */
class RuleSetEditsUnitTest {

    static final String HEALTH = """
            # The health model
            bands:
              good: 70        # 70 and above: GOOD
              average: 50     # 50 to 69: AVERAGE

            components:
              - name: usage
                input: usageTrend
                weight: 50
                idleDaysToZero: 14

              - name: billing
                input: billing
                weight: 30    # payments
              - name: sentiment
                input: sentiment
                weight: 20
            """;

    static final Knob.Range RANGE = new Knob.Range(BigDecimal.ZERO, BigDecimal.valueOf(100), BigDecimal.ONE);

    static Knob.HealthNumber health(String component, String parameter) {
        return new Knob.HealthNumber("k", 1, component, parameter, null, RANGE);
    }

    static Knob.TableCells cells(String column, List<String> rows) {
        return new Knob.TableCells("k", 1, "churn/thresholds.csv", "Detractor answers", column, 0, rows, RANGE);
    }

    /** A table whose cells hold two values each, $1 and $2 of its code. */
    static final String TWO_VALUES = """
            RuleSet,churn
            Import,dev.tenure.engine.vocabulary.*
            Variables,Playbook playbook

            RuleTable Urgent tickets
            NAME,CONDITION,CONDITION,ACTION
            ,$a : Account,TicketLoad,
            ,segment == Segment.$param,"accountId == $a.id, highPriorityOpened14d >= $1, highPriorityOpened14d > highPriorityUsual14d * $2","playbook.start(""$param"", $a);"
            Rule name,Segment,"P1/P2 tickets opened in the last 14 days (at least), and more than this many times the usual",Play to start
            Urgent tickets piling up (high touch): escalation task,HIGH_TOUCH,"3,2",ticket-escalation
            Urgent tickets piling up (low touch): escalation task,LOW_TOUCH,"3,2",ticket-escalation
            """;

    static Knob.TableCells urgent(int parameter) {
        return new Knob.TableCells("k", 1, "churn/thresholds.csv", "Urgent tickets", "P1/P2", parameter, List.of(), RANGE);
    }

    @Test
    void a_band_changes_on_its_line_and_its_comment_stays_in_place() {
        Knob.HealthNumber band = new Knob.HealthNumber("k", 1, null, null, "average", RANGE);

        String edited = HealthModelLines.set(HEALTH, band, 45);

        assertThat(HealthModelLines.current(HEALTH, band)).isEqualTo(50.0);
        assertThat(edited).isEqualTo(HEALTH.replace("  average: 50     #", "  average: 45     #"));
    }

    @Test
    void a_weight_moves_the_other_weights_in_proportion_so_they_still_add_up_to_100() {
        String edited = HealthModelLines.set(HEALTH, health("usage", "weight"), 20);

        assertThat(HealthModelLines.current(edited, health("usage", "weight"))).isEqualTo(20.0);
        assertThat(HealthModelLines.current(edited, health("billing", "weight"))).isEqualTo(48.0);
        assertThat(HealthModelLines.current(edited, health("sentiment", "weight"))).isEqualTo(32.0);
        assertThat(edited).contains("    weight: 48    # payments");
    }

    @Test
    void rounding_left_over_goes_to_the_largest_other_weight() {
        String edited = HealthModelLines.set(HEALTH, health("sentiment", "weight"), 33);

        double usage = HealthModelLines.current(edited, health("usage", "weight"));
        double billing = HealthModelLines.current(edited, health("billing", "weight"));
        assertThat(usage + billing + 33).isEqualTo(100.0);
        assertThat(usage).isEqualTo(42.0);
        assertThat(billing).isEqualTo(25.0);
    }

    @Test
    void a_parameter_of_a_component_changes_and_one_it_does_not_set_is_named() {
        assertThat(HealthModelLines.set(HEALTH, health("usage", "idleDaysToZero"), 21)).contains("    idleDaysToZero: 21\n");
        assertThatThrownBy(() -> HealthModelLines.current(HEALTH, health("billing", "paymentFailedScore")))
                .hasMessage("health.yml: component billing does not set paymentFailedScore; write it out in health.yml first to tune it");
        assertThatThrownBy(() -> HealthModelLines.current(HEALTH, health("relationship", "weight")))
                .hasMessage("health.yml has no component 'relationship'; its components: usage, billing, sentiment");
    }

    @Test
    void a_table_column_changes_in_the_rows_named_and_quoted_cells_stay_quoted() {
        String edited = DecisionTableCells.set(TunerUnitTest.TABLE, cells("nps answer", List.of("HIGH_TOUCH")), 4.5);

        assertThat(edited).isEqualTo(TunerUnitTest.TABLE.replace("HIGH_TOUCH,6,", "HIGH_TOUCH,4.5,"));
        assertThat(DecisionTableCells.current(edited, cells("NPS", List.of("HIGH_TOUCH")))).isEqualTo(4.5);
        assertThat(DecisionTableCells.current(edited, cells("NPS", List.of()))).as("the first row").isEqualTo(6.0);
    }

    @Test
    void a_column_or_row_the_table_does_not_have_is_named_with_what_it_has() {
        assertThatThrownBy(() -> DecisionTableCells.current(TunerUnitTest.TABLE, cells("Score", List.of())))
                .hasMessage("churn/thresholds.csv: table 'Detractor answers' has no column whose title starts with 'Score'; "
                        + "its titles: Rule name | Segment | NPS answer at most | Play to start");
        assertThatThrownBy(() -> DecisionTableCells.current(TunerUnitTest.TABLE, cells("NPS", List.of("TECH_TOUCH"))))
                .hasMessage("churn/thresholds.csv: table 'Detractor answers' has no row with a cell TECH_TOUCH");
        assertThatThrownBy(() -> DecisionTableCells.current(TunerUnitTest.TABLE, cells("Play", List.of())))
                .hasMessageContaining("'call-back' in column 'Play' is not a number");
    }

    @Test
    void one_value_of_a_cell_that_holds_several_changes_and_the_cell_stays_quoted() {
        String edited = DecisionTableCells.set(TWO_VALUES, urgent(2), 1.5);

        assertThat(edited).isEqualTo(TWO_VALUES.replace("\"3,2\"", "\"3,1.5\""));
        assertThat(DecisionTableCells.current(edited, urgent(1))).isEqualTo(3.0);
        assertThat(DecisionTableCells.current(edited, urgent(2))).isEqualTo(1.5);
        assertThatThrownBy(() -> DecisionTableCells.current(TWO_VALUES, urgent(0)))
                .hasMessage("churn/thresholds.csv:10: the cell '3,2' in column 'P1/P2' holds 2 values: say which with parameter: 1 to 2");
        assertThatThrownBy(() -> DecisionTableCells.current(TWO_VALUES, urgent(3)))
                .hasMessage("churn/thresholds.csv:10: the cell '3,2' in column 'P1/P2' holds 2 values, so it has no parameter 3");
        assertThat(DecisionTableCells.current(TunerUnitTest.TABLE, new Knob.TableCells("k", 1, "churn/thresholds.csv",
                "Detractor answers", "NPS", 1, List.of(), RANGE))).as("parameter 1 of a cell of one value").isEqualTo(6.0);
    }

    @Test
    void crlf_files_keep_their_line_ends() {
        String crlf = TunerUnitTest.TABLE.replace("\n", "\r\n");

        assertThat(DecisionTableCells.set(crlf, cells("NPS", List.of()), 3)).isEqualTo(crlf.replace("TOUCH,6,", "TOUCH,3,"));
        assertThat(HealthModelLines.set(HEALTH.replace("\n", "\r\n"), health("usage", "idleDaysToZero"), 7))
                .isEqualTo(HEALTH.replace("idleDaysToZero: 14", "idleDaysToZero: 7").replace("\n", "\r\n"));
    }

    @Test
    void a_diff_has_three_lines_of_context_and_joins_changes_close_together() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n";
        String after = before.replace("\n2\n", "\nTWO\n").replace("\n6\n", "\nSIX\n").replace("\n18\n", "\nEIGHTEEN\n");

        assertThat(UnifiedDiff.of(Map.of("f.csv", before), Map.of("f.csv", after))).isEqualTo("""
                --- a/f.csv
                +++ b/f.csv
                @@ -1,9 +1,9 @@
                 1
                -2
                +TWO
                 3
                 4
                 5
                -6
                +SIX
                 7
                 8
                 9
                @@ -15,6 +15,6 @@
                 15
                 16
                 17
                -18
                +EIGHTEEN
                 19
                 20
                """);
    }

    @Test
    void a_file_without_a_final_line_break_is_diffed_as_diff_tools_write_it_so_the_diff_applies() {
        // A file saved from the rule editor's text box, or by an editor that adds no final line break: the last line
        // is a threshold row. Without git's marker, `git apply` refuses the diff ("patch does not apply").
        String before = "1\n2\n3\n4\nrow,40";
        String after = "1\n2\n3\n4\nrow,45";

        assertThat(UnifiedDiff.of(Map.of("f.csv", before), Map.of("f.csv", after))).isEqualTo("""
                --- a/f.csv
                +++ b/f.csv
                @@ -2,4 +2,4 @@
                 2
                 3
                 4
                -row,40
                \\ No newline at end of file
                +row,45
                \\ No newline at end of file
                """);
        assertThat(UnifiedDiff.of(Map.of("f.csv", "a\nb"), Map.of("f.csv", "a\nb\nc\n"))).as("lines added, a break added")
                .isEqualTo("""
                        --- a/f.csv
                        +++ b/f.csv
                        @@ -1,2 +1,3 @@
                        -a
                        -b
                        \\ No newline at end of file
                        +a
                        +b
                        +c
                        """);
    }
}
