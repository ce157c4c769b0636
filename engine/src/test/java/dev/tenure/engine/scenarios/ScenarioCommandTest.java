package dev.tenure.engine.scenarios;

import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: runs a rules folder's scenarios, prints a report, and its exit code says how it went. */
class ScenarioCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ScenarioCommand command = new ScenarioCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), TestClock.get());

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A copy of the starter rules to change. */
    static Path copyOfStarterRules(Path into) throws IOException {
        Path from = Path.of("../rules");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = into.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return into;
    }

    @Test
    void given_the_starter_rules_then_every_scenario_passes_and_it_exits_0() {
        int exit = command.run("test", "../rules");

        assertThat(exit).as(out() + err()).isZero();
        assertThat(out()).contains("  ok    tests/churn.yml:11  A high-touch account whose core usage fell 60% for four weeks gets a save play")
                .containsPattern("\\d+ scenarios: \\d+ passed, 0 failed");
    }

    @Test
    void given_a_failing_scenario_then_the_report_says_why_and_it_exits_1(@TempDir Path dir) throws IOException {
        Path rules = copyOfStarterRules(dir);
        Files.writeString(rules.resolve("tests/extra.yml"), """
                - scenario: A 30% fall is wrongly expected to start a save play
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                    - usage: { feature: core, from: -56d, to: -29d, daily: 100 }
                    - usage: { feature: core, from: -28d, to: now, daily: 70 }
                  expect: { plays: [ save-usage-drop ] }
                """);

        int exit = command.run("test", rules.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out()).contains("  FAIL  tests/extra.yml:1  A 30% fall is wrongly expected to start a save play")
                .contains("        expected plays [save-usage-drop] but started [] — rules that fired: none; ")
                .contains("UsageTrend(core) hasUsualWeek was true, sustainedChangePct was -30.0")
                .containsPattern("\\d+ scenarios: \\d+ passed, 1 failed");
    }

    @Test
    void given_rules_that_do_not_compile_then_it_names_the_file_and_line_and_exits_2(@TempDir Path dir) throws IOException {
        Path rules = copyOfStarterRules(dir);
        Files.writeString(rules.resolve("churn/broken.drl"), """
                package churn;
                import dev.tenure.engine.vocabulary.*;
                rule "unfinished"
                when
                    Account( segment == )
                then
                end
                """);

        assertThat(command.run("test", rules.toString())).isEqualTo(2);
        assertThat(err()).contains("cannot be used:").contains("churn/broken.drl:5:");
    }

    @Test
    void given_a_folder_without_scenarios_or_a_wrong_command_then_it_says_so(@TempDir Path dir) throws IOException {
        Path rules = copyOfStarterRules(dir);
        try (Stream<Path> tests = Files.list(rules.resolve("tests"))) {
            for (Path p : tests.toList()) {
                Files.delete(p);
            }
        }

        assertThat(command.run("test", rules.toString())).isEqualTo(1);
        assertThat(command.run("tset", "../rules")).isEqualTo(2);
        assertThat(command.run("test", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err()).contains("No scenarios in").contains("usage: test <rules folder>")
                .contains("the rules folder does not exist");
    }
}
