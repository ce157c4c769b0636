package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.api.backtests.TuneCommand;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tenure.engine.rules.ActiveRuleSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Tuning over REST, over February 2015 (no other test stores signals then): X answered NPS 3 and cancelled
 * 20 days later, Y answered 5 and stayed. A rule set whose detractor table alerts at 6 or below alerts both;
 * tuned within 3 to 6, it alerts X alone.
 */
class TuningApiIntegrationTest extends ApiIntegrationTest {

    static final String TABLE = """
            RuleSet,churn
            Import,dev.tenure.engine.vocabulary.*
            Variables,Playbook playbook

            RuleTable Detractor answers
            NAME,CONDITION,CONDITION,ACTION
            ,$a : Account,NpsSignal,
            ,segment == Segment.$param,"accountId == $a.id, score <= $param","playbook.start(""$param"", $a);"
            Rule name,Segment,NPS answer at most,Play to start
            Detractor (low touch): call back,LOW_TOUCH,6,call-back
            """;
    static final String PLAY = """
            name: Call back
            goal: The customer stays
            cooldown: 30d
            steps:
              - type: task
                delay: 0d
                title: "Call back"
            """;
    static final String TUNING = """
            goal:
              minRecall: 0.5
              minMedianLeadDays: 1
            thresholds:
              - table: Detractor answers
                column: NPS answer
                min: 3
                max: 6
                step: 1
            """;

    final ObjectMapper json = new ObjectMapper();
    @Autowired
    ApplicationContext context;
    @Autowired
    ActiveRuleSet active;
    final String suffix = UUID.randomUUID().toString().substring(0, 8);

    void storeFebruary2015() {
        Batch.Builder batch = new Batch.Builder();
        for (String id : new String[]{"tx-" + suffix, "ty-" + suffix}) {
            batch.add("account " + id, new Account(id, id, Segment.LOW_TOUCH, Stage.VALUE, "csm@" + id + ".test",
                            BigDecimal.TEN, "growth", LocalDate.of(2014, 1, 1), null, "UTC"))
                    .add("contact " + id, new Contact(id, "champion@" + id + ".test", "Bo", ContactRole.CHAMPION, null, true, false));
        }
        batch.add("x nps", new NpsSignal("api-test", "tx-nps-" + suffix, "tx-" + suffix, Instant.parse("2015-02-01T09:00:00Z"), null, 3, null))
                .add("y nps", new NpsSignal("api-test", "ty-nps-" + suffix, "ty-" + suffix, Instant.parse("2015-02-02T09:00:00Z"), null, 5, null))
                .add("x cancelled", new BillingSignal("api-test", "tx-cancel-" + suffix, "tx-" + suffix,
                        Instant.parse("2015-02-21T09:00:00Z"), BillingEvent.SUBSCRIPTION_CANCELLED, BigDecimal.TEN, "USD", "INV-1"));
        intake.accept(batch.build());
    }

    String body(String tuning) throws Exception {
        return json.writeValueAsString(Map.of("from", "2015-01-01", "to", "2015-03-01", "tuning", tuning,
                "files", Map.of("churn/thresholds.csv", TABLE, "plays/call-back.yml", PLAY)));
    }

    @Test
    void a_tuning_runs_in_the_background_and_offers_the_threshold_that_spares_the_account_that_stayed() throws Exception {
        storeFebruary2015();

        ResponseEntity<JsonNode> started = post("/api/backtests/tune", body(TUNING));

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = started.getBody().path("id").asText();
        assertThat(started.getHeaders().getLocation()).hasToString("/api/backtests/tune/" + id);
        await().atMost(Duration.ofSeconds(120)).until(() -> !get("/api/backtests/tune/" + id).path("status").asText().equals("RUNNING"));
        JsonNode run = get("/api/backtests/tune/" + id);
        assertThat(run.path("status").asText()).as(run.path("error").asText()).isEqualTo("DONE");
        assertThat(run.path("progress").path("percent").asDouble()).isEqualTo(100.0);

        JsonNode report = run.path("report");
        assertThat(report.path("candidatesEvaluated").asInt()).as("6 in force, then 3, 4 and 5").isEqualTo(4);
        assertThat(report.path("stopped").asText()).isEqualTo("CONVERGED");
        assertThat(report.path("knobs").get(0).path("current").asDouble()).isEqualTo(6.0);
        assertThat(report.path("current").path("churnRules").path("precision").asDouble()).isEqualTo(0.5);
        JsonNode best = report.path("best").get(0);
        assertThat(best.path("values").path("Detractor answers: NPS answer").asDouble()).isBetween(3.0, 4.0);
        assertThat(best.path("churnRules").path("precision").asDouble()).isEqualTo(1.0);
        assertThat(best.path("churnRules").path("recall").asDouble()).isEqualTo(1.0);
        assertThat(best.path("meetsGoal").asBoolean()).isTrue();
        assertThat(best.path("diff").asText()).startsWith("--- a/churn/thresholds.csv\n+++ b/churn/thresholds.csv\n")
                .contains("-Detractor (low touch): call back,LOW_TOUCH,6,call-back");

        JsonNode files = best.path("upload").path("files");
        // Posted files, never stored, replace no version of their own: their upload replaces whatever is in force.
        assertThat(best.path("upload").path("replaces").isNull()).isTrue();
        assertThat(files.path("plays/call-back.yml").asText()).as("the whole rule set, to upload as it is").isEqualTo(PLAY);
        assertThat(files.path("churn/thresholds.csv").asText()).doesNotContain("LOW_TOUCH,6,");
        assertThat(best.path("uploadProblems")).as("nothing pins the old threshold").isEmpty();
    }

    @Test
    void a_setting_that_a_scenario_test_pins_says_the_upload_would_be_refused_and_by_which_scenario() throws Exception {
        storeFebruary2015();
        String pinned = json.writeValueAsString(Map.of("from", "2015-01-01", "to", "2015-03-01", "tuning", TUNING,
                "files", Map.of("churn/thresholds.csv", TABLE, "plays/call-back.yml", PLAY, "tests/detractor.yml", """
                        - scenario: An answer of 5 gets a call back
                          account: { segment: LOW_TOUCH, stage: VALUE }
                          signals:
                            - nps: { at: now, score: 5 }
                          expect: { plays: [ call-back ] }
                        """)));

        String id = post("/api/backtests/tune", pinned).getBody().path("id").asText();
        await().atMost(Duration.ofSeconds(120)).until(() -> !get("/api/backtests/tune/" + id).path("status").asText().equals("RUNNING"));

        JsonNode best = get("/api/backtests/tune/" + id).path("report").path("best").get(0);
        assertThat(best.path("values").path("Detractor answers: NPS answer").asDouble()).isBetween(3.0, 4.0);
        assertThat(best.path("uploadProblems").get(0).asText())
                .startsWith("tests/detractor.yml:1").contains("An answer of 5 gets a call back");
    }

    @Test
    void the_tune_command_tunes_a_rules_folder_on_the_stored_history_and_prints_the_settings_side_by_side(@TempDir Path rules)
            throws Exception {
        storeFebruary2015();
        Files.createDirectories(rules.resolve("churn"));
        Files.createDirectories(rules.resolve("plays"));
        Files.writeString(rules.resolve("churn/thresholds.csv"), TABLE);
        Files.writeString(rules.resolve("churn/tuning.yml"), TUNING);
        Files.writeString(rules.resolve("plays/call-back.yml"), PLAY);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = TuneCommand.in(context, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run("--tune", "--from=2015-01-01", "--to=2015-03-01", "--window=30", "--rules=" + rules);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("tuning: 0% of the most the candidate budget allows", "tuning: 100%",
                "window 30 days: 4 candidates scored (CONVERGED)", "goal: recall >= 0.50, median lead >= 1 days")
                .containsPattern("current\\s+0\\.500\\s+1\\.000\\s+20\\.0\\s.*yes")
                .containsPattern("#1\\s+1\\.000\\s+1\\.000\\s+20\\.0\\s.*yes")
                .containsPattern("Detractor answers: NPS answer\\s+6\\s+[34]\\s")
                .containsPattern("#1 as a diff of rule set [0-9a-f]+ \\(git apply in a rules folder holding that version")
                .contains("+Detractor (low touch): call back,LOW_TOUCH,").doesNotContain("would be refused");
    }

    @Test
    void the_tune_command_says_what_is_wrong_with_its_arguments() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = TuneCommand.in(context, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run("--tune", "--from=yesterday", "--window=0");

        assertThat(exit).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "--from: 'yesterday' is neither a date (2026-01-31) nor an instant (2026-01-31T00:00:00Z)",
                "--to is required", "--window: '0' is not a number of days between 1 and 365", "usage: --tune");
    }

    @Test
    void the_tune_command_names_the_tuning_file_it_cannot_read_and_why(@TempDir Path folder) {
        Path missing = folder.resolve("tunning.yml");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = TuneCommand.in(context, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run("--tune", "--from=2015-01-01", "--to=2015-03-01", "--tuning=" + missing);
        ByteArrayOutputStream printedForFolder = new ByteArrayOutputStream();
        int exitForFolder = TuneCommand.in(context, new PrintStream(printedForFolder, true, StandardCharsets.UTF_8))
                .run("--tune", "--from=2015-01-01", "--to=2015-03-01", "--tuning=" + folder);

        assertThat(exit).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("not the bare path, which says neither what nor why")
                .startsWith("--tuning: cannot read '" + missing + "': no such file");
        assertThat(exitForFolder).isEqualTo(2);
        assertThat(printedForFolder.toString(StandardCharsets.UTF_8)).startsWith("--tuning: cannot read '" + folder + "': a folder, not a file");
    }

    @Test
    void a_tuning_file_with_a_mistake_is_refused_at_once_naming_its_line() throws Exception {
        ResponseEntity<JsonNode> response = post("/api/backtests/tune", body(TUNING.replace("table: Detractor answers", "table: Promoters")));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = response.getBody().path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("tuning");
        assertThat(error.path("message").asText()).isEqualTo(
                "churn/tuning.yml:5: churn/thresholds.csv has no table 'Promoters'; its tables: Detractor answers");
    }

    /** A tuning file as long as a rule set's file may be, and one character more: a comment that runs on. */
    static String tooLongTuning() {
        String start = TUNING + "# ";
        return start + "x".repeat(RecordBounds.FILE_LENGTH + 1 - start.length());
    }

    @Test
    void a_tuning_text_longer_than_a_rule_file_may_be_is_refused_naming_the_field_and_the_limit() throws Exception {
        ResponseEntity<JsonNode> response = post("/api/backtests/tune", body(tooLongTuning()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = response.getBody().path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("tuning");
        assertThat(error.path("message").asText()).isEqualTo("is 1000001 characters long; at most 1000000");
    }

    @Test
    void the_tune_command_refuses_a_tuning_file_longer_than_a_rule_file_may_be_naming_the_option_and_the_limit(@TempDir Path folder)
            throws Exception {
        Path tooLong = Files.writeString(folder.resolve("tuning.yml"), tooLongTuning());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = TuneCommand.in(context, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run("--tune", "--from=2015-01-01", "--to=2015-03-01", "--tuning=" + tooLong);

        assertThat(exit).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("--tuning: cannot read '" + tooLong
                + "': it is more than 1000000 characters long (line 10, column " + (RecordBounds.FILE_LENGTH + 1 - TUNING.length())
                + "); a rule set's file holds at most 1000000");
    }

    @Test
    void the_tune_command_stops_reading_a_tuning_file_that_never_ends() {
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless), "a system with /dev/zero");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> TuneCommand.in(context,
                        new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run("--tune", "--from=2015-01-01", "--to=2015-03-01", "--tuning=" + endless));

        assertThat(exit).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("--tuning: cannot read '/dev/zero': it is more than 1000000 characters long");
    }

    @Test
    void the_tune_command_refuses_a_rules_folder_with_a_file_longer_than_a_rule_file_may_be_naming_the_file(@TempDir Path rules)
            throws Exception {
        Files.createDirectories(rules.resolve("churn"));
        Files.createDirectories(rules.resolve("plays"));
        Files.writeString(rules.resolve("churn/thresholds.csv"), TABLE);
        Files.writeString(rules.resolve("plays/call-back.yml"), PLAY + "# " + "x".repeat(RecordBounds.FILE_LENGTH));
        Files.writeString(rules.resolve("churn/tuning.yml"), TUNING);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = TuneCommand.in(context, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run("--tune", "--from=2015-01-01", "--to=2015-03-01", "--rules=" + rules);

        assertThat(exit).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("The rule set cannot be used:\n"
                + "  plays/call-back.yml:8:" + (RecordBounds.FILE_LENGTH + 1 - PLAY.length()) + ": it is more than 1000000 characters long;"
                + " a rule set's file holds at most 1000000\n");
    }

    @Test
    void an_unknown_tuning_is_not_found() {
        assertThat(http.getForEntity("/api/backtests/tune/nope", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
