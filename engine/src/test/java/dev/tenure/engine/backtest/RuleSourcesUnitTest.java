package dev.tenure.engine.backtest;

import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Backtests score the churn rules: those written under churn/, in DRL or in a decision table. */
class RuleSourcesUnitTest {

    private final RuleSet starter = new RuleSetCompiler().compile(RuleSetFiles.read(Path.of("../rules")));
    private final RuleSources sources = new RuleSources(starter);

    @Test
    void rules_from_the_thresholds_table_are_churn_rules_of_that_file() {
        assertThat(sources.file("Core usage dropped and stayed down (high touch): save play for the CSM")).isEqualTo("churn/thresholds.csv");
        assertThat(sources.isChurn("Core usage dropped and stayed down (high touch): save play for the CSM")).isTrue();
    }

    @Test
    void drl_rules_are_placed_by_their_folder() {
        assertThat(sources.isChurn("An NPS detractor answered (4 or below): call them back")).isTrue();
        assertThat(sources.file("Onboarding account has not used the product for 14 days: nudge")).isEqualTo("journey/onboarding.drl");
        assertThat(sources.isChurn("Onboarding account has not used the product for 14 days: nudge")).isFalse();
    }

    @Test
    void every_rule_of_the_starter_pack_has_a_file() {
        assertThat(starter.ruleNames()).allSatisfy(name -> assertThat(sources.file(name)).as(name).isNotNull());
    }
}
