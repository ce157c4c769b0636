package dev.tenure.engine.rules;

import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.timeline.Timeline;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the rules fail for one account, that account's evaluation is recorded as failed on its timeline,
 * naming the rule in the engine's words, and the other accounts evaluated with it go on.
 */
class OneAccountsRulesFailIntegrationTest extends HotReloadTestContext {

    @Autowired
    Intake intake;
    @Autowired
    PlayRuns playRuns;
    @Autowired
    Timeline timeline;

    @Test
    void an_account_whose_rules_fail_gets_a_timeline_entry_naming_the_rule_and_the_others_get_their_plays() {
        Map<String, String> files = new HashMap<>(SwapDuringEvaluationIntegrationTest.ruleSet("alpha"));
        files.put("churn/alpha.drl", files.get("churn/alpha.drl").replace("playbook.start(", """
                if ($a.name().startsWith("Broken")) { int n = Integer.parseInt($a.name()); }
                    playbook.start("""));
        String version = reload.upload(files, "ops@tenure.test").version();
        TestData broken = SwapDuringEvaluationIntegrationTest.twoUrgentTickets("Broken Secret Name");
        TestData fine = SwapDuringEvaluationIntegrationTest.twoUrgentTickets("Fine Account");
        intake.accept(broken.batch());
        intake.accept(fine.batch());

        intake.reevaluate(List.of(broken.id(), fine.id()));

        assertThat(playRuns.list(fine.id(), null, 10)).isNotEmpty();
        assertThat(playRuns.list(broken.id(), null, 10)).isEmpty();
        assertThat(timeline.of(broken.id(), 50)).filteredOn(e -> e.type().equals("rules.failed")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.summary()).isEqualTo("The rules could not be evaluated: rule \"alpha: two"
                        + " urgent tickets in 14 days\" failed (NumberFormatException) (rule set " + version + ")"));
        assertThat(timeline.of(fine.id(), 50)).noneMatch(e -> e.type().equals("rules.failed"));
    }
}
