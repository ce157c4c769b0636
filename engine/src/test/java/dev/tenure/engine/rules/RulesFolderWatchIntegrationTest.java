package dev.tenure.engine.rules;

import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** CS ops edit the rules folder; the running rule set follows, unless the edit is broken. */
class RulesFolderWatchIntegrationTest extends HotReloadTestContext {

    private static final Duration A_WHILE = Duration.ofSeconds(15);

    void write(String path, String text) throws IOException {
        Path file = rules().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    String read(String path) throws IOException {
        return Files.readString(rules().resolve(path));
    }

    String activeAfterChangeFrom(String version) {
        return await().atMost(A_WHILE).until(() -> active.get().version(), v -> !v.equals(version));
    }

    Optional<RuleSetVersion> rejectedNewerThan(Instant since) {
        return ruleSets.versions().stream()
                .filter(v -> v.status() == RuleSetStatus.REJECTED && v.storedAt().isAfter(since)).findFirst();
    }

    @Test
    void an_edited_rule_goes_live_a_broken_edit_leaves_it_running_and_the_fix_goes_live() throws IOException {
        String starter = active.get().version();
        String detractor = read("churn/nps-detractor.drl");

        write("churn/nps-detractor.drl", detractor.replace("score <= 4", "score <= 5"));
        String edited = activeAfterChangeFrom(starter);

        assertThat(stored(edited).status()).isEqualTo(RuleSetStatus.ACTIVE);
        assertThat(stored(edited).origin()).isEqualTo(RuleSetOrigin.FOLDER);
        assertThat(stored(edited).who()).isEqualTo("file watcher");
        assertThat(stored(starter).status()).isEqualTo(RuleSetStatus.RETIRED);

        Instant beforeBreaking = TestClock.now();
        write("churn/nps-detractor.drl", detractor.replace("score <= 4", "score <"));
        RuleSetVersion rejected = await().atMost(A_WHILE).until(() -> rejectedNewerThan(beforeBreaking), Optional::isPresent).orElseThrow();

        assertThat(active.get().version()).isEqualTo(edited);
        assertThat(stored(edited).status()).isEqualTo(RuleSetStatus.ACTIVE);
        assertThat(rejected.who()).isEqualTo("file watcher");
        assertThat(rejected.errors()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo("churn/nps-detractor.drl"))
                .anySatisfy(p -> assertThat(p.line()).isEqualTo(13));

        write("churn/nps-detractor.drl", detractor.replace("score <= 4", "score < 5"));
        String fixed = activeAfterChangeFrom(edited);

        assertThat(fixed).isNotEqualTo(rejected.version());
        assertThat(stored(fixed).status()).isEqualTo(RuleSetStatus.ACTIVE);
        assertThat(activeRows()).isEqualTo(1);
    }

    @Test
    void a_rule_added_in_a_new_subfolder_goes_live_and_deleting_it_brings_back_the_version_before() throws IOException {
        String before = active.get().version();

        write("churn/expansion/seats.drl", """
                package churn.expansion;
                import dev.tenure.engine.vocabulary.*;
                rule "Seats are nearly all used: note it"
                when
                    UsageTrend( activeUsers > 1000 )
                then
                end
                """);
        String added = activeAfterChangeFrom(before);
        assertThat(active.get().ruleNames()).contains("Seats are nearly all used: note it");

        Files.delete(rules().resolve("churn/expansion/seats.drl"));
        String removed = activeAfterChangeFrom(added);

        assertThat(removed).isEqualTo(before);
        assertThat(active.get().ruleNames()).doesNotContain("Seats are nearly all used: note it");
        assertThat(stored(before).status()).isEqualTo(RuleSetStatus.ACTIVE);
        assertThat(stored(added).status()).isEqualTo(RuleSetStatus.RETIRED);
    }
}
