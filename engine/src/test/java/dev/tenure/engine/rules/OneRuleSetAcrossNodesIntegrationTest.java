package dev.tenure.engine.rules;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.testing.RuleSetsInForce;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Given two nodes on one PostgreSQL, each with its own name and the same rules folder, the rule set in
 * force is the database's: an upload or a rollback through one node is in force on the other within
 * seconds, a restarted node comes back on the version in force rather than on its folder, a changed folder
 * becomes the version in force for both, and a change whose notification was lost is caught by the poll.
 */
class OneRuleSetAcrossNodesIntegrationTest {

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);
    private static final String CHECK_RULE = "A cluster check account answered NPS: call them back";
    /** A rule of the upload only: with the starter rules an NPS of 10 starts nothing. */
    private static final String CLUSTER_CHECK_DRL = """
            package churn;

            import dev.tenure.engine.vocabulary.*;

            global Playbook playbook;

            rule "%s"
            when
                $a : Account( name == "Cluster check" )
                NpsSignal( accountId == $a.id, score >= 9 )
            then
                playbook.start("nps-detractor", $a);
            end
            """.formatted(CHECK_RULE);

    /** A rule whose condition is cut short: no Tenure compiles it. */
    private static final String BROKEN_DRL = """
            package churn;
            rule "unfinished"
            when
                Account( segment == )
            then
            end
            """;

    private final Path folder = HotReloadTestContext.copy(Path.of("../rules"));
    private final String starter = RuleSetFiles.read(folder).version();
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    /**
     * One node: its own name, a poll of a second (the notifications are what make a change quick; the poll
     * only catches a lost one), and a Quartz scheduler of this test's own so cached contexts of other test
     * classes are not part of it. Command-line arguments, because the engine's own properties would win
     * over the builder's default properties.
     */
    private ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(EngineTestApplication.class)
                .properties("spring.main.banner-mode=off")
                .run("--tenure.rules-sync.node-id=" + name, "--tenure.rules-sync.poll-interval=1s",
                        "--tenure.rules-folder=" + folder, "--tenure.rules-watch=false",
                        "--spring.quartz.scheduler-name=tenure-rules-nodes-test");
    }

    @AfterEach
    void theStarterRulesAgainOnEveryNode() {
        if (a != null && a.isActive()) {
            a.getBean(RuleSetReload.class).rollback(starter, "test cleanup");
            RuleSetsInForce.awaitEveryNodeRuns(a.getBean(RuleSetNodes.class), starter);
        }
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[]{a, b}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void two_nodes_agree_on_the_rules_through_an_upload_a_rollback_a_restart_and_a_folder_change() throws IOException {
        a = node("rules-node-a");
        b = node("rules-node-b");
        awaitBothRun(starter);

        // An upload through A is in force on B within seconds, and B judges its next signal by it.
        RuleSetChange upload = reload(a).upload(withClusterCheckRule(), "ops@tenure.test");
        assertThat(upload.outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
        awaitBothRun(upload.version());
        TestData account = TestData.account("Cluster check", Segment.LOW_TOUCH).nps(10, 0);
        b.getBean(Intake.class).accept(account.batch());
        assertThat(playRuns(account.id())).containsExactly(CHECK_RULE + " @ " + upload.version());
        assertThat(b.getBean(RuleSets.class).find(starter).orElseThrow().status()).isEqualTo(RuleSetStatus.RETIRED);

        // A rollback through B is in force on A.
        RuleSetChange rollback = reload(b).rollback(starter, "lead@tenure.test");
        assertThat(rollback.outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
        assertThat(rollback.previousVersion()).isEqualTo(upload.version());
        awaitBothRun(starter);

        // The upload again, then A restarts on its unchanged folder: it comes back on the upload, not the folder.
        reload(b).rollback(upload.version(), "lead@tenure.test");
        awaitBothRun(upload.version());
        a.close();
        assertThat(nodeIds()).containsExactly("rules-node-b");
        Instant restarted = TestClock.now();
        a = node("rules-node-a");
        assertThat(a.getBean(ActiveRuleSet.class).get().version()).isEqualTo(upload.version());
        awaitBothRun(upload.version());
        RuleSetNode restartedA = node(b, "rules-node-a");
        assertThat(restartedA.startedAt()).isAfter(restarted);
        assertThat(restartedA.since()).isAfter(restarted);
        assertThat(restartedA.problem()).isNull();
        assertThat(b.getBean(RuleSets.class).find(upload.version()).orElseThrow().status()).isEqualTo(RuleSetStatus.ACTIVE);

        // The folder changes: read by B, it is the version in force for both, and a restart of B keeps it.
        Path rule = folder.resolve("churn/nps-detractor.drl");
        Files.writeString(rule, Files.readString(rule) + "\n// edited in the folder\n");
        RuleSetChange fromFolder = reload(b).fromFolder(RuleSetReload.FILE_WATCHER);
        assertThat(fromFolder.outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
        assertThat(fromFolder.previousVersion()).isEqualTo(upload.version());
        awaitBothRun(fromFolder.version());
        assertThat(reload(a).fromFolder(RuleSetReload.FILE_WATCHER).outcome())
                .as("the same folder read again on the other node").isEqualTo(RuleSetChange.Outcome.UNCHANGED);
        b.close();
        b = node("rules-node-b");
        awaitBothRun(fromFolder.version());
    }

    @Test
    void a_folder_last_read_before_facts_yml_was_part_of_a_rule_set_is_unchanged_so_a_restart_keeps_an_upload() {
        a = node("rules-node-a");
        RuleSetChange upload = reload(a).upload(withClusterCheckRule(), "ops@tenure.test");
        assertThat(upload.outcome()).isEqualTo(RuleSetChange.Outcome.ACTIVATED);
        // The same folder as the version before read it: without facts.yml, so of another version, last on record.
        RuleSetFiles asReadBefore = RuleSetFiles.of(RuleSetFiles.read(folder).files().stream()
                .filter(f -> !f.path().equals("facts.yml")).toList());
        RuleSets store = a.getBean(RuleSets.class);
        store.reject(asReadBefore, List.of(), List.of(), RuleSetOrigin.FOLDER, "the version before");
        store.unchanged(asReadBefore.version(), RuleSetOrigin.FOLDER, "the version before");

        a.close();
        a = node("rules-node-a");

        assertThat(a.getBean(ActiveRuleSet.class).get().version()).as("the upload, not the folder").isEqualTo(upload.version());
        assertThat(reload(a).fromFolder(RuleSetReload.FILE_WATCHER).outcome()).isEqualTo(RuleSetChange.Outcome.UNCHANGED);
    }

    @Test
    void a_change_whose_notification_is_lost_is_caught_by_the_poll_and_a_node_gone_for_a_day_is_forgotten() {
        a = node("rules-node-a");
        b = node("rules-node-b");
        String uploaded = reload(a).upload(withClusterCheckRule(), "ops@tenure.test").version();
        awaitBothRun(uploaded);
        Instant twoDaysAgo = TestClock.now().minus(Duration.ofDays(2));
        a.getBean(JdbcClient.class).sql("""
                        INSERT INTO rule_set_node (node_id, version, since, started_at, last_seen)
                        VALUES ('rules-node-crashed', ?, ?, ?, ?)""")
                .params(starter, Timestamp.from(twoDaysAgo), Timestamp.from(twoDaysAgo), Timestamp.from(twoDaysAgo)).update();

        // The starter rules made ACTIVE in the database by hand, with no notification: the next poll sees it.
        a.getBean(TransactionTemplate.class).executeWithoutResult(tx -> {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            jdbc.sql("UPDATE rule_set SET status = 'RETIRED' WHERE status = 'ACTIVE'").update();
            jdbc.sql("UPDATE rule_set SET status = 'ACTIVE' WHERE version = ?").param(starter).update();
        });

        awaitBothRun(starter);
        assertThat(nodeIds()).containsExactly("rules-node-a", "rules-node-b");
    }

    @Test
    void a_version_in_force_that_does_not_compile_on_a_node_leaves_it_on_its_rules_says_why_and_stops_a_start() {
        a = node("rules-node-a");
        b = node("rules-node-b");
        awaitBothRun(starter);

        // As an older or newer Tenure could have stored it: a version these nodes cannot compile, made ACTIVE.
        a.getBean(TransactionTemplate.class).executeWithoutResult(tx -> {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            jdbc.sql("UPDATE rule_set SET status = 'RETIRED' WHERE status = 'ACTIVE'").update();
            jdbc.sql("""
                            INSERT INTO rule_set (version, files, rules, status, origin, who, loaded_at, activated_at)
                            VALUES ('broken-in-db', ?::jsonb, '[]', 'ACTIVE', 'upload', 'ops@tenure.test', ?, ?)
                            ON CONFLICT (version) DO UPDATE SET status = 'ACTIVE'""")
                    .params(a.getBean(JsonColumns.class).write(Map.of("churn/broken.drl", BROKEN_DRL)),
                            Timestamp.from(TestClock.now()), Timestamp.from(TestClock.now()))
                    .update();
            jdbc.sql("SELECT pg_notify('tenure_rule_set', 'broken-in-db')").query().listOfRows();
        });

        await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
            assertThat(node(a, "rules-node-a").problem()).startsWith("rule set broken-in-db does not compile here: churn/broken.drl:4:");
            assertThat(node(a, "rules-node-b").problem()).startsWith("rule set broken-in-db does not compile here: churn/broken.drl:4:");
        });
        assertThat(node(a, "rules-node-b").version()).isEqualTo(starter);
        assertThat(b.getBean(ActiveRuleSet.class).get().version()).isEqualTo(starter);

        assertThatThrownBy(() -> node("rules-node-c"))
                .hasRootCauseInstanceOf(InvalidRuleSetException.class)
                .rootCause().hasMessageStartingWith("Rule set broken-in-db, in force in the database, has ")
                .hasMessageContaining("churn/broken.drl:4:");

        reload(b).rollback(starter, "lead@tenure.test");
        awaitBothRun(starter);
        assertThat(node(a, "rules-node-a").problem()).isNull();
    }

    private static RuleSetReload reload(ConfigurableApplicationContext node) {
        return node.getBean(RuleSetReload.class);
    }

    /** The starter rules with one rule more. */
    private Map<String, String> withClusterCheckRule() {
        Map<String, String> files = new HashMap<>();
        RuleSetFiles.read(folder).files().forEach(f -> files.put(f.path(), f.content()));
        files.put("churn/cluster-check.drl", CLUSTER_CHECK_DRL);
        return files;
    }

    /** Both nodes run the version, and say so in the list of nodes. */
    private void awaitBothRun(String version) {
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
            assertThat(a.getBean(ActiveRuleSet.class).get().version()).as("node A runs").isEqualTo(version);
            assertThat(b.getBean(ActiveRuleSet.class).get().version()).as("node B runs").isEqualTo(version);
            assertThat(node(a, "rules-node-a").version()).as("node A says it runs").isEqualTo(version);
            assertThat(node(a, "rules-node-b").version()).as("node B says it runs").isEqualTo(version);
        });
    }

    private static RuleSetNode node(ConfigurableApplicationContext context, String id) {
        return context.getBean(RuleSetNodes.class).all().stream().filter(n -> n.nodeId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("node " + id + " is not in the list of nodes"));
    }

    private List<String> nodeIds() {
        return b.getBean(RuleSetNodes.class).all().stream().map(RuleSetNode::nodeId)
                .filter(id -> id.startsWith("rules-node-")).toList();
    }

    private List<String> playRuns(String accountId) {
        return b.getBean(JdbcClient.class).sql("SELECT rule_name || ' @ ' || rule_set_version FROM play_run WHERE account_id = ?")
                .param(accountId).query(String.class).list();
    }
}
