package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rule set changes without a restart: uploaded, refused, uploaded again, rolled back. */
@ExtendWith(OutputCaptureExtension.class)
class RuleSetReloadIntegrationTest extends HotReloadTestContext {

    private static final String NPS_RULE = "churn/nps-detractor.drl";

    /** The running files with a note added to one rule file: a new version that still compiles. */
    Map<String, String> variant(String note) {
        Map<String, String> files = new HashMap<>(activeFiles());
        files.put(NPS_RULE, files.get(NPS_RULE) + "\n// " + note + "\n");
        return files;
    }

    @Test
    void an_uploaded_rule_set_that_compiles_is_swapped_in_and_the_one_before_retired() {
        String before = active.get().version();

        RuleSetChange change = reload.upload(variant("swapped in"), "ops@tenure.test");

        assertThat(change.outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
        assertThat(change.previousVersion()).isEqualTo(before);
        assertThat(active.get().version()).isEqualTo(change.version()).isNotEqualTo(before);
        RuleSetVersion now = stored(change.version());
        assertThat(now.status()).isEqualTo(RuleSetStatus.ACTIVE);
        assertThat(now.origin()).isEqualTo(RuleSetOrigin.UPLOAD);
        assertThat(now.who()).isEqualTo("ops@tenure.test");
        assertThat(now.activatedAt()).isNotNull();
        assertThat(stored(before).status()).isEqualTo(RuleSetStatus.RETIRED);
        assertThat(activeRows()).isEqualTo(1);
        assertThat(ruleSets.files(change.version()).orElseThrow().get(NPS_RULE)).contains("// swapped in");
    }

    @Test
    void a_broken_upload_leaves_the_running_rules_and_is_stored_rejected_with_file_line_and_column(CapturedOutput log) {
        String before = active.get().version();
        Map<String, String> files = new HashMap<>(activeFiles());
        files.put(NPS_RULE, files.get(NPS_RULE).replace("score <= 4", "score <= "));

        RuleSetChange change = reload.upload(files, "ops@tenure.test");

        assertThat(change.outcome()).isEqualTo(RuleSetChange.Outcome.REJECTED);
        assertThat(active.get().version()).isEqualTo(before);
        assertThat(stored(before).status()).isEqualTo(RuleSetStatus.ACTIVE);
        RuleSetVersion rejected = stored(change.version());
        assertThat(rejected.status()).isEqualTo(RuleSetStatus.REJECTED);
        assertThat(rejected.who()).isEqualTo("ops@tenure.test");
        assertThat(rejected.errors()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo(NPS_RULE));
        assertThat(rejected.errors().get(0).line()).isEqualTo(13);
        assertThat(log.getOut()).contains("WARN", "Rejected rule set " + change.version(), NPS_RULE + ":13:");
        assertThat(ruleSets.history(change.version())).extracting(RuleSetEvent::outcome)
                .containsExactly(RuleSetChange.Outcome.REJECTED);
    }

    @Test
    void a_file_with_thousands_of_mistakes_is_refused_with_the_first_hundred_and_a_count_of_the_rest() {
        String before = active.get().version();
        Map<String, String> files = new HashMap<>(activeFiles());
        StringBuilder junk = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            junk.append("    junk").append(i).append(": 1\n");
        }
        String health = files.get("health.yml");
        int componentsLine = health.indexOf("components:\n");
        int firstComponent = health.indexOf('\n', health.indexOf("\n", componentsLine + 12) + 1) + 1;
        files.put("health.yml", health.substring(0, firstComponent) + junk + health.substring(firstComponent));

        RuleSetChange change = reload.upload(files, "ops@tenure.test");

        assertThat(change.outcome()).isEqualTo(RuleSetChange.Outcome.REJECTED);
        assertThat(change.problems()).hasSize(101);
        assertThat(change.problems().get(0).file()).isEqualTo("health.yml");
        assertThat(change.problems().get(100).message()).startsWith("and 4900 more problem(s) not listed");
        assertThat(RuleProblem.count(change.problems())).isEqualTo(5_000);
        assertThat(stored(change.version()).errors()).hasSize(101);
        assertThat(active.get().version()).isEqualTo(before);
    }

    @Test
    void a_rule_set_that_compiles_but_fails_a_gate_never_becomes_active() {
        String before = active.get().version();
        Map<String, String> files = new HashMap<>(activeFiles());
        files.put(NPS_RULE, "// " + REFUSED_BY_GATE + "\n" + files.get(NPS_RULE));

        RuleSetChange change = reload.upload(files, "ops@tenure.test");

        assertThat(change.outcome()).isEqualTo(RuleSetChange.Outcome.REJECTED);
        assertThat(change.problems()).containsExactly(new RuleProblem(NPS_RULE, 1, 0, "the gate refuses this file"));
        assertThat(active.get().version()).isEqualTo(before);
        assertThat(stored(change.version()).status()).isEqualTo(RuleSetStatus.REJECTED);
    }

    @Test
    void the_same_content_uploaded_again_is_the_same_version_made_active_again_without_a_second_row() {
        String folderVersion = active.get().version();
        Map<String, String> files = variant("uploaded twice");
        String uploaded = reload.upload(files, "ops@tenure.test").version();
        reload.rollback(folderVersion, "ops@tenure.test");

        RuleSetChange again = reload.upload(files, "lead@tenure.test");
        RuleSetChange unchanged = reload.upload(files, "lead@tenure.test");

        assertThat(again.version()).isEqualTo(uploaded);
        assertThat(again.outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
        assertThat(unchanged.outcome()).isEqualTo(RuleSetChange.Outcome.UNCHANGED);
        assertThat(jdbc.sql("SELECT count(*) FROM rule_set WHERE version = ?").param(uploaded).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(stored(uploaded).who()).isEqualTo("lead@tenure.test");
        assertThat(ruleSets.history(uploaded)).extracting(RuleSetEvent::outcome).containsExactly(
                RuleSetChange.Outcome.UNCHANGED, RuleSetChange.Outcome.ACTIVATED, RuleSetChange.Outcome.ACTIVATED);
    }

    @Test
    void an_upload_made_from_a_version_no_longer_in_force_is_refused_and_stores_nothing() {
        String opened = active.get().version();
        Map<String, String> mine = variant("made from the version opened");
        String meanwhile = reload.upload(variant("made meanwhile"), "lead@tenure.test").version();
        int versions = ruleSets.versions().size();

        assertThatThrownBy(() -> reload.upload(mine, opened, "ops@tenure.test"))
                .isInstanceOf(RuleSetConflictException.class)
                .hasMessageContaining("made from rule set " + opened + ", but " + meanwhile + " (upload by lead@tenure.test at ")
                .hasMessageContaining("nothing was changed");
        assertThat(active.get().version()).isEqualTo(meanwhile);
        assertThat(stored(meanwhile).status()).isEqualTo(RuleSetStatus.ACTIVE);
        assertThat(ruleSets.versions()).hasSize(versions);

        RuleSetChange onTop = reload.upload(mine, meanwhile, "ops@tenure.test");
        assertThat(onTop.outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
        assertThat(onTop.previousVersion()).isEqualTo(meanwhile);
        // The files already in force are that version, whichever version they were made from: nothing to undo.
        assertThat(reload.upload(mine, opened, "ops@tenure.test").outcome()).isEqualTo(RuleSetChange.Outcome.UNCHANGED);
        // A rollback asked while an older version was in force is refused alike.
        assertThatThrownBy(() -> reload.rollback(opened, meanwhile, "ops@tenure.test"))
                .isInstanceOf(RuleSetConflictException.class).hasMessageContaining(onTop.version() + " (upload by ops@tenure.test");
        assertThat(active.get().version()).isEqualTo(onTop.version());
        assertThat(reload.rollback(opened, onTop.version(), "ops@tenure.test").outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
    }

    @Test
    void the_store_checks_again_under_its_lock_that_the_version_replaced_is_the_one_in_force_before_storing() {
        String inForce = active.get().version();
        String storedBefore = stored(inForce).who();

        // The upload was checked against a version another node has since retired: the store checks again under its lock.
        assertThatThrownBy(() -> ruleSets.activate(active.get(), RuleSetOrigin.UPLOAD, "ops@tenure.test", "0123456789ab"))
                .isInstanceOf(RuleSetConflictException.class)
                .satisfies(e -> assertThat(((RuleSetConflictException) e).inForce()).isEqualTo(inForce));
        assertThat(stored(inForce).who()).isEqualTo(storedBefore);
        assertThat(stored(inForce).origin()).isNotEqualTo(RuleSetOrigin.UPLOAD);
        assertThat(activeRows()).isEqualTo(1);
    }

    @Test
    void a_rollback_recompiles_an_earlier_version_and_swaps_it_back_in() {
        String original = active.get().version();
        reload.upload(variant("before the rollback"), "ops@tenure.test");

        RuleSetChange rollback = reload.rollback(original, "lead@tenure.test");

        assertThat(rollback.outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
        assertThat(active.get().version()).isEqualTo(original);
        assertThat(active.get().ruleNames()).isNotEmpty();
        RuleSetVersion back = stored(original);
        assertThat(back.status()).isEqualTo(RuleSetStatus.ACTIVE);
        assertThat(back.origin()).isEqualTo(RuleSetOrigin.ROLLBACK);
        assertThat(back.who()).isEqualTo("lead@tenure.test");
        assertThat(activeRows()).isEqualTo(1);
    }

    @Test
    void a_rollback_to_an_unknown_version_or_to_one_that_still_fails_changes_nothing() {
        String before = active.get().version();
        Map<String, String> broken = new HashMap<>(activeFiles());
        broken.put("churn/extra.drl", "rule \"half written\" when then");
        String rejected = reload.upload(broken, "ops@tenure.test").version();

        assertThatThrownBy(() -> reload.rollback("0000nosuch00", "lead@tenure.test"))
                .isInstanceOf(RuleSetVersionNotFoundException.class).hasMessageContaining("0000nosuch00");
        RuleSetChange again = reload.rollback(rejected, "lead@tenure.test");

        assertThat(again.outcome()).isEqualTo(RuleSetChange.Outcome.REJECTED);
        assertThat(again.problems()).extracting(RuleProblem::file).contains("churn/extra.drl");
        assertThat(active.get().version()).isEqualTo(before);
        assertThat(stored(rejected).status()).isEqualTo(RuleSetStatus.REJECTED);
    }

    @Test
    void an_upload_that_is_not_a_rule_set_is_refused_naming_each_bad_file_and_nothing_is_stored() {
        int versions = ruleSets.versions().size();
        Map<String, String> files = new HashMap<>(activeFiles());
        files.put("../etc/evil.drl", "rule \"x\" when then end");
        files.put("notes.txt", "hello");

        assertThatThrownBy(() -> reload.upload(files, "ops@tenure.test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("files[\"../etc/evil.drl\"]: the path must be relative")
                .hasMessageContaining("files[\"notes.txt\"]: not a rule file");
        assertThatThrownBy(() -> reload.upload(Map.of(), "ops@tenure.test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("files: the upload has no files");
        assertThat(ruleSets.versions()).hasSize(versions);
    }

    @Test
    void an_upload_with_a_nul_or_a_lone_surrogate_in_a_path_or_a_text_or_a_file_of_megabytes_is_refused_naming_the_file_and_nothing_is_stored() {
        int versions = ruleSets.versions().size();
        String before = active.get().version();
        Map<String, String> files = new HashMap<>(activeFiles());
        files.put("churn/nul.drl", "package rules;\n// a NUL\u0000 pasted from a terminal\n");
        files.put("churn/emoji.drl", "package rules;\n// half an emoji \ud83d\n");
        files.put("churn/nul\u0000name.drl", "package rules;\n");
        files.put("plays/huge.yml", "name: Huge\nsteps:\n  - type: task\n    title: " + "a".repeat(10_000_000) + "\n");

        assertThatThrownBy(() -> reload.upload(files, "ops@tenure.test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("files[\"churn/nul.drl\"]: text: ")
                .hasMessageContaining("contains a control character (U+0000) at position 24")
                .hasMessageContaining("files[\"churn/emoji.drl\"]: text: ")
                .hasMessageContaining("a lone UTF-16 surrogate at position 33")
                .hasMessageContaining("files[\"churn/nul\\u0000name.drl\"]: path: ")
                .hasMessageContaining("files[\"plays/huge.yml\"]: text: is 10000045 characters long; at most 1000000");
        assertThat(ruleSets.versions()).hasSize(versions);
        assertThat(active.get().version()).isEqualTo(before);
    }

    @Test
    void concurrent_changes_are_made_one_at_a_time_and_leave_one_active_version() throws Exception {
        List<Map<String, String>> candidates = IntStream.rangeClosed(1, 4).mapToObj(i -> variant("concurrent " + i)).toList();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(candidates.size());

        List<CompletableFuture<RuleSetChange>> changes = candidates.stream()
                .map(files -> CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return reload.upload(files, "ops@tenure.test");
                }, threads)).toList();
        go.countDown();
        CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new)).get();
        threads.shutdown();

        assertThat(changes).allSatisfy(c -> assertThat(c.join().outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED));
        // Serialized: each change saw the one before it as the running version, so they form one chain.
        List<String> previous = changes.stream().map(c -> c.join().previousVersion()).toList();
        assertThat(previous).doesNotHaveDuplicates();
        assertThat(activeRows()).isEqualTo(1);
        String activeInDatabase = jdbc.sql("SELECT version FROM rule_set WHERE status = 'ACTIVE'").query(String.class).single();
        assertThat(active.get().version()).isEqualTo(activeInDatabase);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
