package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "Why" names the DRL file whose text declares the rule, or the decision table row naming it, and the line it is on. */
class ExplanationsUnitTest {

    private static final Map<String, String> FILES = Map.of(
            "plays/nps-detractor.yml", "name: rule \"NPS\"\n",
            "churn/nps.drl", "package churn;\n\nrule \"NPS detractor\"\nwhen\nthen\nend\n",
            "journey/quoted.drl", "package journey;\n  rule 'Single quoted'\nwhen then end\n",
            "journey/bare.drl", "package journey;\nrule Bare\nwhen then end\nrule BareNot\nwhen then end\n",
            "churn/thresholds.csv", "RuleSet,churn\n\nRuleTable Usage\nNAME,CONDITION,ACTION\n"
                    + "Usage fell (high touch): save play,HIGH_TOUCH,save\n\"Usage fell, (low touch)\",LOW_TOUCH,save\n");

    @Test
    void the_file_declaring_the_rule_is_found_with_its_line() {
        assertThat(Explanations.source("NPS detractor", FILES)).satisfies(source -> {
            assertThat(source.path()).isEqualTo("churn/nps.drl");
            assertThat(source.line()).isEqualTo(3);
            assertThat(source.content()).startsWith("package churn;");
        });
        assertThat(Explanations.source("Single quoted", FILES).path()).isEqualTo("journey/quoted.drl");
        assertThat(Explanations.source("Bare", FILES).line()).isEqualTo(2);
    }

    @Test
    void a_rule_of_a_decision_table_is_found_at_its_row() {
        assertThat(Explanations.source("Usage fell (high touch): save play", FILES)).satisfies(source -> {
            assertThat(source.path()).isEqualTo("churn/thresholds.csv");
            assertThat(source.line()).isEqualTo(5);
        });
        assertThat(Explanations.source("Usage fell, (low touch)", FILES).line()).isEqualTo(6);
        assertThat(Explanations.source("Usage fell", FILES)).isNull();
    }

    @Test
    void a_rule_no_drl_file_declares_has_no_file() {
        assertThat(Explanations.source("NPS", FILES)).isNull();
        assertThat(Explanations.source("Bare[", FILES)).isNull();
    }
}
