package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** Every scenario in rules/tests/ is a test of the build: the starter rules do what their scenarios say. */
class RuleScenariosTest {

    @TestFactory
    List<DynamicNode> the_scenarios_in_rules_tests() {
        RuleSet rules = new RuleSetCompiler().compile(RuleSetFiles.read(Path.of("../rules")));
        ScenarioReport report = new ScenarioSuite(TestClock.get()).run(rules);

        Map<String, List<DynamicTest>> byFile = new TreeMap<>();
        for (ScenarioResult r : report.results()) {
            byFile.computeIfAbsent(r.scenario().file(), f -> new ArrayList<>()).add(dynamicTest(
                    r.scenario().name() + " (" + r.where() + ")", () -> {
                        if (!r.passed()) {
                            fail(r.where() + " " + r.scenario().name() + ":\n  " + String.join("\n  ", r.failures()));
                        }
                    }));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        byFile.forEach((file, tests) -> nodes.add(dynamicContainer(file, tests)));
        nodes.add(dynamicTest("the scenario files read without problems", () -> assertThat(report.problems()
                .stream().map(ScenarioProblem::toString).collect(Collectors.toList())).isEmpty()));
        nodes.add(dynamicTest("every rule fires in at least one scenario", () -> {
            List<String> fired = report.results().stream().filter(ScenarioResult::passed)
                    .flatMap(r -> r.outcome().firedRules().stream()).toList();
            assertThat(rules.ruleNames().stream().filter(rule -> !fired.contains(rule)).toList())
                    .as("rules that no passing scenario in rules/tests/ makes fire").isEmpty();
        }));
        return nodes;
    }
}
