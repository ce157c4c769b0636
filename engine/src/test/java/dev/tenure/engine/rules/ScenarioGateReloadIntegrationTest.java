package dev.tenure.engine.rules;

import dev.tenure.engine.scenarios.ScenarioGate;
import dev.tenure.engine.scenarios.ScenarioSuite;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hot reload asks the scenario tests too: a change to the folder or an upload whose own scenarios fail is
 * rejected at the failing scenario's file and line, and the running rules stay in force.
 */
class ScenarioGateReloadIntegrationTest extends HotReloadTestContext {

    private static final String TABLE = "churn/thresholds.csv";
    private static final String HIGH_TOUCH_DROP_ROW = "Core usage dropped and stayed down (high touch): save play for the CSM,"
            + "HIGH_TOUCH,";
    private static final String SIXTY_PERCENT_FALL = "scenario \"A high-touch account whose core usage fell 60% for four weeks "
            + "gets a save play for its CSM\" failed: expected plays [save-usage-drop] but started [] — rules that fired: none; ";

    @Autowired
    ObjectProvider<RuleSetGate> gates;
    @Autowired
    ScenarioSuite scenarios;

    static String withHighTouchDropAt(String table, int percent) {
        assertThat(table).contains(HIGH_TOUCH_DROP_ROW + "\"35,3\",");
        return table.replace(HIGH_TOUCH_DROP_ROW + "\"35,3\",", HIGH_TOUCH_DROP_ROW + "\"" + percent + ",3\",");
    }

    /** The running rule set is the starter one, still at 35%: its scenarios (the 60% fall among them) pass. */
    void theStarterRulesStay(String running) {
        assertThat(active.get().version()).isEqualTo(running);
        assertThat(stored(running).status()).isEqualTo(RuleSetStatus.ACTIVE);
        assertThat(scenarios.run(active.get()).passed()).isTrue();
    }

    @Test
    void the_scenario_tests_are_a_gate_hot_reload_asks_and_the_starter_rules_passed_them_at_start() {
        assertThat(gates.orderedStream().toList()).hasAtLeastOneElementOfType(ScenarioGate.class);
        assertThat(stored(active.get().version()).status()).isEqualTo(RuleSetStatus.ACTIVE);
        assertThat(scenarios.run(active.get()).results()).hasSizeGreaterThan(30);
    }

    @Test
    void ops_raise_a_threshold_in_the_folder_so_that_a_scenario_fails_then_the_change_is_rejected_at_that_scenario()
            throws IOException {
        String running = active.get().version();
        Path table = rules().resolve(TABLE);

        Files.writeString(table, withHighTouchDropAt(Files.readString(table), 70));
        String candidate = RuleSetFiles.read(rules()).version();
        RuleSetEvent rejected = await().atMost(Duration.ofSeconds(15)).until(() -> ruleSets.history(candidate).stream()
                .filter(e -> e.outcome() == RuleSetChange.Outcome.REJECTED).findFirst(), e -> e.isPresent()).orElseThrow();

        assertThat(rejected.who()).isEqualTo(RuleSetReload.FILE_WATCHER);
        // The usage threshold decides journey scenarios too (a usage drop beside a renewal risk).
        assertThat(rejected.errors()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isIn("tests/churn.yml", "tests/journey.yml"));
        assertThat(rejected.errors().get(0)).satisfies(p -> {
            assertThat(List.of(p.file(), p.line())).containsExactly("tests/churn.yml", 11);
            assertThat(p.message()).startsWith(SIXTY_PERCENT_FALL).contains("sustainedChangePct <= -70", "sustainedChangePct was -60.0");
        });
        assertThat(stored(candidate).status()).isEqualTo(RuleSetStatus.REJECTED);
        theStarterRulesStay(running);
    }

    @Test
    void an_upload_whose_scenario_fails_is_rejected_with_the_scenario_file_and_line_and_the_running_rules_stay() {
        String running = active.get().version();
        Map<String, String> files = new HashMap<>(activeFiles());
        files.put(TABLE, withHighTouchDropAt(files.get(TABLE), 75));

        RuleSetChange change = reload.upload(files, "ops@tenure.test");

        assertThat(change.outcome()).isEqualTo(RuleSetChange.Outcome.REJECTED);
        assertThat(change.problems().get(0)).satisfies(p -> {
            assertThat(List.of(p.file(), p.line(), p.column())).containsExactly("tests/churn.yml", 11, 0);
            assertThat(p.message()).startsWith(SIXTY_PERCENT_FALL).contains("sustainedChangePct <= -75");
        });
        assertThat(stored(change.version()).status()).isEqualTo(RuleSetStatus.REJECTED);
        assertThat(stored(change.version()).errors()).isEqualTo(change.problems());
        theStarterRulesStay(running);
    }

    @Test
    void an_uploaded_scenario_that_the_rules_do_not_meet_keeps_the_whole_upload_out() {
        String running = active.get().version();
        Map<String, String> files = new HashMap<>(activeFiles());
        files.put("tests/ops.yml", """
                # Ops expect a 30% fall for four weeks to start a save play, but the table still says 35%.
                - scenario: A 30% fall at a low-touch account starts a save play
                  account: { segment: LOW_TOUCH, stage: VALUE, startedOn: -410d, renewalOn: +200d }
                  signals:
                    - usage: { feature: core, from: -56d, to: -29d, daily: 100 }
                    - usage: { feature: core, from: -28d, to: now, daily: 70 }
                  expect: { plays: [ save-usage-drop ] }
                """);

        RuleSetChange change = reload.upload(files, "ops@tenure.test");

        assertThat(change.outcome()).isEqualTo(RuleSetChange.Outcome.REJECTED);
        assertThat(change.problems()).singleElement().satisfies(p -> {
            assertThat(List.of(p.file(), p.line())).containsExactly("tests/ops.yml", 2);
            assertThat(p.message()).startsWith("scenario \"A 30% fall at a low-touch account starts a save play\" failed: "
                    + "expected plays [save-usage-drop] but started [] — rules that fired: none; "
                    + "rule \"Core usage dropped and stayed down (low touch): save play for the CSM\" needs ")
                    .contains("sustainedChangePct <= -35", "sustainedChangePct was -30.0");
        });
        theStarterRulesStay(running);
    }
}
