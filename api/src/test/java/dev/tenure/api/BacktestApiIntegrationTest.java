package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backtests over REST, with the starter rules, over February 2012, 2013 or 2014 (no other test stores signals
 * then): X's payment failed and it cancelled 20 days later, Y's failed and was paid two days later, Z cancelled
 * unwarned. The starter payment rule alerts on a payment still unpaid a week later: X's, at the daily evaluation
 * about a week after it failed (12 to 13 days before it cancelled), never Y's.
 */
class BacktestApiIntegrationTest extends ApiIntegrationTest {

    static final String FAILED_PAYMENT = "A failed payment is still not paid a week later: billing task and an email to the "
            + "billing contact";

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String x = "x-" + suffix;
    final String y = "y-" + suffix;
    final String z = "z-" + suffix;

    void storeFebruary2012() {
        storeFebruary(2012);
    }

    /** The same story in February of another year, so each test scores its own accounts. */
    void storeFebruary(int year) {
        Batch.Builder batch = new Batch.Builder();
        for (String id : new String[]{x, y, z}) {
            batch.add("account " + id, new Account(id, id, Segment.LOW_TOUCH, Stage.VALUE, "csm@" + id + ".test",
                            BigDecimal.TEN, "growth", LocalDate.of(2011, 1, 1), null, "UTC"))
                    .add("contact " + id, new Contact(id, "billing@" + id + ".test", "Bo", ContactRole.BILLING, null, true, false));
        }
        batch.add("x failed", billing(x, year + "-02-01", BillingEvent.PAYMENT_FAILED))
                .add("x cancelled", billing(x, year + "-02-21", BillingEvent.SUBSCRIPTION_CANCELLED))
                .add("y failed", billing(y, year + "-02-10", BillingEvent.PAYMENT_FAILED))
                .add("y paid", billing(y, year + "-02-12", BillingEvent.INVOICE_PAID))
                .add("z cancelled", billing(z, year + "-02-15", BillingEvent.SUBSCRIPTION_CANCELLED));
        intake.accept(batch.build());
    }

    static BillingSignal billing(String account, String date, BillingEvent event) {
        return new BillingSignal("api-test", account + "-" + event + "-" + date, account, Instant.parse(date + "T09:00:00Z"),
                event, BigDecimal.valueOf(500), "USD", "INV-" + date);
    }

    @Test
    void a_backtest_runs_in_the_background_and_reports_each_rule_and_the_churn_scores() {
        storeFebruary2012();

        ResponseEntity<JsonNode> started = post("/api/backtests", "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\"}");

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = started.getBody().path("id").asText();
        assertThat(started.getHeaders().getLocation()).hasToString("/api/backtests/" + id);
        await().atMost(Duration.ofSeconds(60)).until(() -> !get("/api/backtests/" + id).path("status").asText().equals("RUNNING"));
        JsonNode run = get("/api/backtests/" + id);
        assertThat(run.path("status").asText()).isEqualTo("DONE");
        assertThat(run.path("progress").path("replayed").asLong()).isEqualTo(5);
        assertThat(run.path("progress").path("total").asLong()).isEqualTo(5);
        assertThat(run.path("progress").path("percent").asDouble()).isEqualTo(100.0);

        JsonNode report = run.path("report");
        JsonNode churn = report.path("churnRules");
        assertThat(churn.path("precision").asDouble()).as("X alone: Y paid within the week").isEqualTo(1.0);
        assertThat(churn.path("recall").asDouble()).as("X of X and Z").isEqualTo(0.5);
        assertThat(churn.path("medianLeadDays").asDouble()).isBetween(12.0, 13.0);
        JsonNode payment = rule(report, FAILED_PAYMENT);
        assertThat(payment.path("file").asText()).isEqualTo("churn/failed-payment.drl");
        assertThat(payment.path("accounts").findValuesAsText("accountId")).containsExactly(x);
        assertThat(report.path("cancellations").findValuesAsText("accountId")).as("in time order").containsExactly(z, x);
        assertThat(items("/api/backtests").findValuesAsText("id")).contains(id);
    }

    @Test
    void every_alert_of_a_finished_backtest_is_a_row_of_its_csv_with_its_lead_and_whether_it_caught() {
        storeFebruary(2013);
        String id = finished(post("/api/backtests", "{\"from\": \"2013-01-01\", \"to\": \"2013-03-01\", \"window\": 30}"));
        JsonNode report = get("/api/backtests/" + id).path("report");
        assertThat(report.path("windowDays").asInt()).isEqualTo(30);
        assertThat(report.path("alertsCsv").asText()).isEqualTo("/api/backtests/" + id + "/alerts.csv");

        ResponseEntity<String> csv = http.getForEntity("/api/backtests/" + id + "/alerts.csv", String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("backtest-" + id + "-alerts.csv");
        List<String> lines = csv.getBody().lines().toList();
        assertThat(lines.get(0)).isEqualTo("account_id,rule,play,file,churn_rule,alerted_at,cancelled_at,lead_days,caught");
        assertThat(lines).hasSize(report.path("alerts").asInt() + 1);
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith(x + "," + FAILED_PAYMENT + ",failed-payment,churn/failed-payment.drl,true,2013-02-")
                .containsPattern(",2013-02-21T09:00:00Z,1[23]\\.\\d,true$"));
        assertThat(lines).noneMatch(line -> line.startsWith(y + ","));
    }

    @Test
    void an_alert_earlier_than_the_window_before_the_cancellation_does_not_catch_it() {
        storeFebruary(2014);
        String id = finished(post("/api/backtests", "{\"from\": \"2014-01-01\", \"to\": \"2014-03-01\", \"window\": 10}"));

        JsonNode churn = get("/api/backtests/" + id).path("report").path("churnRules");

        assertThat(churn.path("caughtAccounts").asInt()).as("X's alert came 12 to 13 days ahead").isZero();
        assertThat(churn.path("alertedAccounts").asInt()).isEqualTo(1);
        assertThat(churn.path("recall").asDouble()).isZero();
        assertThat(churn.path("alertsPerHealthyAccountMonth").isNumber()).isTrue();
    }

    @Test
    void a_window_outside_one_to_365_days_is_refused_naming_the_field() {
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"window\": 0}")))
                .isEqualTo("window");
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"window\": 400}")))
                .isEqualTo("window");
        // Not read as 1, nor as nothing: a number of days is whole, and a body that does not read names where.
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"window\": 1.5}")))
                .isEqualTo("window");
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"window\": \"a month\"}")))
                .isEqualTo("window");
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"files\": [\"x\"]}")))
                .isEqualTo("files");
    }

    @Test
    void a_window_beyond_what_a_whole_number_holds_is_refused_naming_the_field() {
        ResponseEntity<JsonNode> huge = post("/api/backtests", "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"window\": 99999999999}");
        ResponseEntity<JsonNode> negative = post("/api/backtests/tune",
                "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"window\": -99999999999999999999999}");

        assertThat(fieldOf(huge)).isEqualTo("window");
        assertThat(huge.getBody().path("errors").get(0).path("message").asText()).contains("99999999999", "out of range");
        assertThat(fieldOf(negative)).isEqualTo("window");
    }

    @Test
    void a_version_no_rule_set_can_have_is_refused_naming_the_field_before_it_is_looked_up() {
        ResponseEntity<JsonNode> control = post("/api/backtests",
                "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"version\": \"ab\\u0000cd\"}");
        ResponseEntity<JsonNode> tuning = post("/api/backtests/tune",
                "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"version\": \"ab\\u0000cd\"}");
        ResponseEntity<JsonNode> longOne = post("/api/backtests",
                "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"version\": \"" + "a".repeat(50_000) + "\"}");

        assertThat(fieldOf(control)).isEqualTo("version");
        assertThat(control.getBody().path("errors").get(0).path("message").asText()).contains("control character");
        assertThat(fieldOf(tuning)).isEqualTo("version");
        assertThat(fieldOf(longOne)).isEqualTo("version");
        assertThat(longOne.getBody().path("detail").asText()).as("told, not repeated").contains("at most 200").hasSizeLessThan(500);
    }

    @Test
    void the_alerts_of_an_unknown_backtest_are_not_found() {
        assertThat(http.getForEntity("/api/backtests/nope/alerts.csv", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    String finished(ResponseEntity<JsonNode> started) {
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = started.getBody().path("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> !get("/api/backtests/" + id).path("status").asText().equals("RUNNING"));
        assertThat(get("/api/backtests/" + id).path("status").asText()).isEqualTo("DONE");
        return id;
    }

    @Test
    void dates_that_are_not_dates_are_refused_naming_the_field() {
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"last tuesday\", \"to\": \"2012-03-01\"}"))).isEqualTo("from");
        assertThat(fieldOf(post("/api/backtests", "{\"to\": \"2012-03-01\"}"))).isEqualTo("from");
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"2012-03-01T00:00:00Z\", \"to\": \"2012-01-01\"}"))).isEqualTo("to");
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"2012-01-01\", \"to\": \"2012-13-01\"}"))).isEqualTo("to");
    }

    @Test
    void a_period_that_runs_past_now_is_refused_naming_the_field() {
        String to = TestClock.today().plusDays(1).toString();
        ResponseEntity<JsonNode> response = post("/api/backtests", "{\"from\": \"2012-01-01\", \"to\": \"" + to + "\"}");

        assertThat(fieldOf(response)).isEqualTo("to");
        assertThat(response.getBody().path("errors").get(0).path("message").asText()).contains("only the past can be replayed");
    }

    @Test
    void an_unknown_version_is_refused_naming_the_field() {
        ResponseEntity<JsonNode> response = post("/api/backtests",
                "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"version\": \"abc123\"}");

        assertThat(fieldOf(response)).isEqualTo("version");
        assertThat(response.getBody().path("detail").asText()).isEqualTo("version: no rule set 'abc123' is stored");
    }

    @Test
    void posted_files_that_do_not_compile_are_refused_with_file_and_line() {
        ResponseEntity<JsonNode> response = post("/api/backtests", """
                {"from": "2012-01-01", "to": "2012-03-01",
                 "files": {"churn/broken.drl": "package churn;\\nrule \\"Broken\\"\\nwhen\\n    Account( \\nthen\\nend\\n"}}""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode problem = response.getBody().path("problems").get(0);
        assertThat(problem.path("file").asText()).isEqualTo("churn/broken.drl");
        assertThat(problem.path("line").asInt()).isPositive();
    }

    /** A posted health model of thousands of unknown keys: the answer lists the first hundred and counts the rest. */
    @Test
    void posted_files_with_thousands_of_mistakes_are_refused_with_the_first_hundred_and_their_count() {
        // Written as JSON text: each line of the file ends in an escaped line break.
        StringBuilder health = new StringBuilder("bands: { good: 70, average: 40 }\\ncomponents:\\n  - name: usage\\n"
                + "    input: usageTrend\\n    weight: 100\\n");
        for (int i = 0; i < 5_000; i++) {
            health.append("    junk").append(i).append(": 1\\n");
        }
        String body = "{\"from\": \"2012-01-01\", \"to\": \"2012-03-01\", \"files\": {\"health.yml\": \"" + health + "\"}}";

        ResponseEntity<JsonNode> response = post("/api/backtests", body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().path("problems")).hasSize(101);
        assertThat(response.getBody().path("problems").get(100).path("message").asText()).startsWith("and ")
                .contains(" more problem(s) not listed");
        // Each unknown key, and whatever else a one-component model lacks.
        assertThat(response.getBody().path("detail").asText()).containsPattern("has 50\\d\\d problem\\(s\\)").hasSizeLessThan(30_000);
    }

    @Test
    void a_period_from_before_any_signal_can_be_stored_is_refused_naming_from_before_anything_runs() {
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"0026-01-01\", \"to\": \"2012-03-01\"}"))).isEqualTo("from");
        assertThat(fieldOf(post("/api/backtests", "{\"from\": \"-1000000000-01-01T00:00:00Z\", \"to\": \"2012-03-01\"}")))
                .isEqualTo("from");
        ResponseEntity<JsonNode> tuning = post("/api/backtests/tune", "{\"from\": \"1900-01-01\", \"to\": \"2012-03-01\"}");
        assertThat(fieldOf(tuning)).isEqualTo("from");
        assertThat(tuning.getBody().path("errors").get(0).path("message").asText()).contains("2000-01-01");
    }

    /**
     * Every day of a period is evaluated for every account, in one read-only snapshot held open until the end: twelve
     * years of them would hold the one backtest, and the database's clean-up, for hours.
     */
    @Test
    void a_period_longer_than_a_backtest_may_replay_is_refused_naming_to_before_anything_runs() {
        ResponseEntity<JsonNode> backtest = post("/api/backtests", "{\"from\": \"2000-01-01\", \"to\": \"2012-03-01\"}");
        ResponseEntity<JsonNode> tuning = post("/api/backtests/tune", "{\"from\": \"2000-01-01\", \"to\": \"2012-03-01\"}");

        assertThat(fieldOf(backtest)).isEqualTo("to");
        assertThat(backtest.getBody().path("errors").get(0).path("message").asText()).contains("4443 days", "3660",
                "tenure.backtest.max-days");
        assertThat(fieldOf(tuning)).isEqualTo("to");
    }

    @Test
    void posted_files_without_text_or_outside_the_rules_folder_are_refused_naming_files() {
        ResponseEntity<JsonNode> noText = post("/api/backtests", """
                {"from": "2012-01-01", "to": "2012-03-01", "files": {"churn/empty.drl": null}}""");
        ResponseEntity<JsonNode> outside = post("/api/backtests/tune", """
                {"from": "2012-01-01", "to": "2012-03-01", "files": {"../churn/x.drl": "package churn;"}}""");

        assertThat(fieldOf(noText)).isEqualTo("files");
        assertThat(noText.getBody().path("errors").get(0).path("message").asText()).contains("churn/empty.drl", "no text");
        assertThat(fieldOf(outside)).isEqualTo("files");
    }

    @Test
    void an_unknown_backtest_is_not_found() {
        assertThat(http.getForEntity("/api/backtests/nope", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    static String fieldOf(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        return response.getBody().path("errors").get(0).path("field").asText();
    }

    static JsonNode rule(JsonNode report, String name) {
        for (JsonNode rule : report.path("rules")) {
            if (rule.path("rule").asText().equals(name)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + name + " in " + report.path("rules").findValuesAsText("rule"));
    }
}
