package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reported escapes did through an upload: the consequence ran in the scenario gate of a rule set
 * that was then refused, its exception text came back, and a looping one held every later upload. Now the
 * rule set is refused at the rule's line before anything of it runs, and the next upload goes in.
 */
class RuleSandboxUploadIntegrationTest extends HotReloadTestContext {

    private static final String ESCAPE = "churn/escape.drl";

    @TempDir
    Path dir;

    /** The running files, an extra rule file, and a scenario that makes the rule fire if it ever ran. */
    private Map<String, String> withRule(String then) {
        Map<String, String> files = new HashMap<>(activeFiles());
        files.put(ESCAPE, """
                package churn;

                import dev.tenure.engine.vocabulary.*;

                global Playbook playbook;

                rule "Every account"
                when
                    $a : Account()
                then
                    %s
                end
                """.formatted(then));
        files.put("tests/escape.yml", """
                - scenario: Any account
                  account: { segment: HIGH_TOUCH, stage: VALUE, startedOn: -400d, renewalOn: +200d }
                  expect:
                    plays: []
                """);
        return files;
    }

    @Test
    void an_upload_reading_the_environment_through_an_enum_is_refused_at_the_rule_and_its_consequence_never_runs() {
        Path marker = dir.resolve("ran");
        String before = active.get().version();

        RuleSetChange change = reload.upload(withRule("""
                String env = new String($a.segment().getDeclaringClass().getProtectionDomain().getCodeSource().getLocation()
                        .toURI().resolve("file:///proc/self/environ").toURL().openStream().readAllBytes());
                java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), env);
                throw new IllegalStateException(env);""".formatted(marker)), "ops@tenure.test");

        assertThat(change.outcome()).isEqualTo(RuleSetChange.Outcome.REJECTED);
        assertThat(change.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo(ESCAPE));
        assertThat(Files.exists(marker)).isFalse();
        assertThat(active.get().version()).isEqualTo(before);
    }

    @Test
    void a_looping_upload_is_refused_within_seconds_naming_the_rule_and_the_next_good_upload_goes_in() throws Exception {
        CompletableFuture<RuleSetChange> looping = CompletableFuture.supplyAsync(() ->
                reload.upload(withRule("while (true) { playbook.start(\"nps-detractor\", $a); }"), "ops@tenure.test"));

        RuleSetChange refused = looping.get(30, TimeUnit.SECONDS);

        assertThat(refused.outcome()).isEqualTo(RuleSetChange.Outcome.REJECTED);
        assertThat(refused.problems()).contains(new RuleProblem(ESCAPE, 7, 0,
                "rule \"Every account\": a loop (while, for, do) is not allowed in rules: a rule must end on its own"));
        RuleSetChange next = CompletableFuture.supplyAsync(() -> reload.upload(withRule("// nothing"), "ops@tenure.test"))
                .get(30, TimeUnit.SECONDS);
        assertThat(next.outcome()).as(next.problems().toString()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
    }

    @Test
    void a_rule_failing_in_the_scenario_gate_is_told_at_its_line_without_what_its_code_said() {
        // The exception's own message would say: For input string: "secret <the account's name>".
        RuleSetChange change = reload.upload(withRule("int n = Integer.parseInt(\"secret \" + $a.name());"), "ops@tenure.test");

        assertThat(change.outcome()).isEqualTo(RuleSetChange.Outcome.REJECTED);
        assertThat(change.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(ESCAPE);
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.message()).startsWith("rule \"Every account\" failed (NumberFormatException)")
                    .doesNotContain("secret");
        });
    }
}
