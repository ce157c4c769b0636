package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.tenure.api.PagesIntegrationTest.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * CS metrics over REST and on the metrics page: a CSM's two accounts, whose MRR moves in the first quarter
 * of 2026, read as CS ops, as their CSM and as another CSM.
 */
class MetricsApiIntegrationTest extends ApiIntegrationTest {

    static final String Q1 = "from=2026-01-01&to=2026-04-01";

    /** Two accounts of a new CSM: 1000 + 500 at the start of January; +200 in January; the 500 cancels in February. */
    String csmWithTwoAccounts() {
        String csm = "metrics-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        TestData grows = TestData.account("Growing Greenhouse", Segment.HIGH_TOUCH).csm(csm);
        TestData leaves = TestData.account("Leaving Lighthouse", Segment.LOW_TOUCH).csm(csm);
        deliver(grows, mrr(grows, "2025-12-01T10:00:00Z", "1000"), mrr(grows, "2026-01-12T10:00:00Z", "1200"));
        deliver(leaves, mrr(leaves, "2025-12-01T10:00:00Z", "500"), new BillingSignal("test", leaves.id() + "-cancel",
                leaves.id(), Instant.parse("2026-02-10T10:00:00Z"), BillingEvent.SUBSCRIPTION_CANCELLED, null, "USD", null));
        return csm;
    }

    void deliver(TestData account, Signal... signals) {
        Batch base = account.batch();
        List<Labeled<Signal>> all = new ArrayList<>(base.signals());
        for (Signal s : signals) {
            all.add(new Labeled<>(s.kind() + " " + s.externalId(), s));
        }
        intake.accept(new Batch(base.accounts(), base.contacts(), all));
    }

    static BillingSignal mrr(TestData account, String at, String amount) {
        return new BillingSignal("test", account.id() + "-mrr-" + at, account.id(), Instant.parse(at),
                BillingEvent.MRR_CHANGED, new BigDecimal(amount), "USD", null);
    }

    @Test
    void a_cancellation_without_any_mrr_event_counts_as_churned_mrr_from_the_accounts_arr() {
        String csm = "metrics-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        TestData leaves = TestData.account("Quiet Quarry", Segment.LOW_TOUCH).csm(csm);   // ARR 24,000
        deliver(leaves, new BillingSignal("test", leaves.id() + "-cancel", leaves.id(),
                Instant.parse("2026-03-05T10:00:00Z"), BillingEvent.SUBSCRIPTION_CANCELLED, null, "USD", null));

        JsonNode march = get("/api/metrics/revenue?month=2026-03&csm=" + csm).path("total").path("figures");

        assertThat(march.path("movements").path("churn").decimalValue()).isEqualByComparingTo("2000.00");
        assertThat(march.path("movements").path("accountsChurned").asInt()).isEqualTo(1);
        assertThat(march.path("rates").path("logoChurnRate").decimalValue()).isEqualByComparingTo("100.0");
    }

    @Test
    void cs_ops_read_nrr_grr_and_churn_by_month_for_one_csm() {
        String csm = csmWithTwoAccounts();

        JsonNode report = get("/api/metrics/revenue?" + Q1 + "&csm=" + csm);

        assertThat(report.path("groupBy").asText()).isEqualTo("month");
        assertThat(report.path("currency").asText()).isEqualTo("USD");
        JsonNode january = report.path("rows").get(0);
        assertThat(january.path("group").asText()).isEqualTo("2026-01");
        assertThat(january.path("figures").path("movements").path("startingMrr").decimalValue()).isEqualByComparingTo("1500");
        assertThat(january.path("figures").path("rates").path("nrr").decimalValue()).isEqualByComparingTo("113.3"); // 1700 / 1500
        JsonNode february = report.path("rows").get(1).path("figures").path("rates");
        assertThat(february.path("nrr").decimalValue()).isEqualByComparingTo("70.6");          // 1200 / 1700
        assertThat(february.path("logoChurnRate").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(february.path("revenueChurnRate").decimalValue()).isEqualByComparingTo("29.4");
        // twelve months back from 1 Feb 2026 nobody of this CSM paid: n/a, not 0
        assertThat(january.path("figures").path("trailingTwelveMonths").path("nrr").isNull()).isTrue();
        assertThat(report.path("total").path("group").asText()).isEqualTo("total");
    }

    @Test
    void every_report_answers_as_csv_one_line_per_figure_with_a_file_name() {
        String csm = csmWithTwoAccounts();

        ResponseEntity<String> csv = http.getForEntity("/api/metrics/revenue?" + Q1 + "&groupBy=segment&format=csv&csm=" + csm, String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"tenure-revenue-2026-01-01-to-2026-04-01-by-segment.csv\"");
        assertThat(csv.getBody()).startsWith("metric,group_by,group,from,to,figure,value\r\n")
                .contains("revenue,segment,HIGH_TOUCH,2026-01-01,2026-04-01,nrr_pct,120.0\r\n")
                .contains("revenue,segment,LOW_TOUCH,2026-01-01,2026-04-01,logo_churn_rate_pct,100.0\r\n")
                .contains("revenue,total,total,2026-01-01,2026-04-01,starting_mrr,1500.00\r\n");
        for (String report : List.of("surveys", "time-to-value", "qbr-completion")) {
            ResponseEntity<String> other = http.getForEntity("/api/metrics/" + report + "?month=2026-03&format=csv&csm=" + csm, String.class);
            assertThat(other.getHeaders().getContentType().toString()).startsWith("text/csv");
            assertThat(other.getBody()).startsWith("metric,group_by,group,from,to,figure,value\r\n" + report + ",month,2026-03,");
        }
    }

    @Test
    void an_account_id_a_spreadsheet_would_run_as_a_formula_is_written_as_text_and_a_negative_figure_stays_a_number() {
        String csm = "csv-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        // the classic payload: Excel reads "-2+3+cmd|..." as a formula and runs cmd through DDE (its "/C" written "-C":
        // a slash is no character an account id may have, its page's address could not carry it)
        String id = "-2+3+cmd|' -C calc'!A0-" + UUID.randomUUID().toString().substring(0, 8);
        Account formula = new Account(id, "Formula Foundry", Segment.LOW_TOUCH, Stage.VALUE, csm, new BigDecimal("24000"), "growth",
                LocalDate.parse("2025-06-01"), LocalDate.parse("2027-06-01"), "Europe/Berlin");
        intake.accept(new Batch(List.of(new Labeled<>("account " + id, formula)), List.of(), List.of(new Labeled<>("billing",
                new BillingSignal("test", id + "-mrr", id, Instant.parse("2026-01-10T10:00:00Z"), BillingEvent.MRR_CHANGED,
                        new BigDecimal("900"), "EUR", null)))));
        TestData unhappy = TestData.account("Unhappy Upholstery", Segment.LOW_TOUCH).csm(csm);
        deliver(unhappy, new NpsSignal("test", unhappy.id() + "-nps", unhappy.id(), Instant.parse("2026-01-12T10:00:00Z"),
                "pat@upholstery.test", 2, "Slow"));

        String revenue = http.getForObject("/api/metrics/revenue?month=2026-01&format=csv&csm=" + csm, String.class);
        String surveys = http.getForObject("/api/metrics/surveys?month=2026-01&format=csv&csm=" + csm, String.class);

        assertThat(revenue.split("\r\n"))
                .contains("revenue,account,'" + id + ",2026-01-01,2026-02-01,left_out_currency,EUR")
                .noneMatch(line -> line.contains("," + id));
        assertThat(surveys.split("\r\n")).contains("surveys,month,2026-01,2026-01-01,2026-02-01,nps,-100.0");
    }

    @Test
    void a_csm_gets_the_figures_of_their_own_accounts_and_403_for_another_csms() {
        String csm = csmWithTwoAccounts();
        String other = csmWithTwoAccounts();

        JsonNode mine = as(csm, Role.CSM).getForObject("/api/metrics/revenue?" + Q1 + "&groupBy=csm", JsonNode.class);
        ResponseEntity<JsonNode> theirs = as(csm, Role.CSM).getForEntity("/api/metrics/revenue?" + Q1 + "&csm=" + other, JsonNode.class);

        assertThat(mine.path("rows")).singleElement().satisfies(row -> assertThat(row.path("group").asText()).isEqualTo(csm));
        assertThat(mine.path("total").path("figures").path("movements").path("startingMrr").decimalValue()).isEqualByComparingTo("1500");
        assertThat(theirs.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void csat_answers_sent_to_the_webhook_make_the_csat_of_their_month() {
        String csm = "csat-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        TestData acme = TestData.account("Satisfied Sailmakers", Segment.LOW_TOUCH).csm(csm);
        intake.accept(acme.batch());

        ResponseEntity<JsonNode> sent = post("/api/webhooks/csat", """
                [{"eventId": "%1$s-c1", "accountId": "%1$s", "occurredAt": "2026-03-03T10:00:00Z", "score": 5, "ticketId": "T-1"},
                 {"eventId": "%1$s-c2", "accountId": "%1$s", "occurredAt": "2026-03-04T10:00:00Z", "score": 2, "ticketId": "T-2"},
                 {"eventId": "%1$s-c3", "accountId": "%1$s", "occurredAt": "2026-03-05T10:00:00Z", "score": 4}]""".formatted(acme.id()));
        ResponseEntity<JsonNode> refused = post("/api/webhooks/csat", """
                {"eventId": "%1$s-c4", "accountId": "%1$s", "occurredAt": "2026-03-05T10:00:00Z", "score": 7}""".formatted(acme.id()));

        assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().toString()).contains("score", "not between 1 and 5");
        JsonNode march = get("/api/metrics/surveys?month=2026-03&csm=" + csm).path("total").path("figures").path("csat");
        assertThat(march.path("responses").asInt()).isEqualTo(3);
        assertThat(march.path("csat").decimalValue()).isEqualByComparingTo("66.7");   // 2 of 3 are 4 or 5
    }

    @Test
    void a_zendesk_good_rating_counts_as_satisfied_and_a_bad_one_does_not() {
        String csm = "zendesk-csat-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        TestData acme = TestData.account("Rated Rigging", Segment.LOW_TOUCH).csm(csm);
        intake.accept(acme.batch());
        String rating = """
                {"event": "satisfaction.rated", "ticket": {"id": "%s", "updated_at": "2026-03-1%sT10:00:00Z",
                 "satisfaction_rating": {"score": "%s"}, "organization": {"external_id": "%s"}}}""";

        ResponseEntity<JsonNode> good = post("/api/webhooks/zendesk", rating.formatted("71", "1", "Good", acme.id()));
        post("/api/webhooks/zendesk", rating.formatted("72", "2", "Bad", acme.id()));
        ResponseEntity<JsonNode> offered = post("/api/webhooks/zendesk", rating.formatted("73", "3", "Offered", acme.id()));

        assertThat(good.getBody().path("accepted").asInt()).isEqualTo(1);
        assertThat(offered.getBody().path("ignored").asBoolean()).isTrue();
        JsonNode csat = get("/api/metrics/surveys?month=2026-03&csm=" + csm).path("total").path("figures").path("csat");
        assertThat(csat.path("responses").asInt()).isEqualTo(2);
        assertThat(csat.path("csat").decimalValue()).isEqualByComparingTo("50.0");
    }

    @Test
    void a_bad_parameter_is_a_400_problem_naming_it() {
        assertBadParameter("/api/metrics/revenue?month=2026-13", "month");
        assertBadParameter("/api/metrics/revenue?from=2026-01-01", "to");
        assertBadParameter("/api/metrics/revenue?from=2026-02-01&to=2026-01-01", "to");
        assertBadParameter("/api/metrics/surveys?from=yesterday&to=2026-01-01", "from");
        assertBadParameter("/api/metrics/time-to-value?groupBy=week", "groupBy");
        assertBadParameter("/api/metrics/qbr-completion?format=xml", "format");
        assertBadParameter("/api/metrics/revenue?month=2026-01&from=2026-01-01", "month");
    }

    @Test
    void a_period_outside_the_dates_that_can_be_stored_is_a_400_naming_it_on_the_api_and_the_page() throws Exception {
        assertBadParameter("/api/metrics/surveys?month=-4800-01", "month");
        assertBadParameter("/api/metrics/qbr-completion?from=-4800-01-01&to=-4799-01-01", "from");
        assertBadParameter("/api/metrics/revenue?from=2195-01-01&to=2205-01-01&format=csv", "to");
        assertBadParameter("/api/metrics/revenue?from=2199-01-01&to=2200-01-02", "to");
        // to is excluded: the year's last month asked as from and to, as it is as month=2199-12.
        assertThat(http.getForEntity("/api/metrics/revenue?from=2199-12-01&to=2200-01-01", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/api/metrics/revenue?month=2199-12", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        mvc.perform(MockMvcRequestBuilders.get("/ops/metrics").param("month", "-4800-01")
                        .with(signedIn("ops.metrics@tenure.test", "CS_OPS")))
                .andExpect(status().isBadRequest());
    }

    private void assertBadParameter(String path, String parameter) {
        ResponseEntity<JsonNode> answer = http.getForEntity(path, JsonNode.class);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().path("parameter").asText()).as(path).isEqualTo(parameter);
        assertThat(answer.getBody().path("detail").asText()).as(path).startsWith(parameter + ": ");
    }

    @Test
    void the_metrics_page_draws_the_retention_chart_with_its_table_and_links_its_csv() throws Exception {
        String csm = csmWithTwoAccounts();

        String html = mvc.perform(MockMvcRequestBuilders.get("/ops/metrics").param("from", "2026-01-01").param("to", "2026-04-01")
                        .param("csm", csm).with(signedIn("ops.metrics@tenure.test", "CS_OPS")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("id=\"retention-chart\"", "id=\"movements-chart\"", "id=\"churn-chart\"", "id=\"revenue-by-month\"",
                "id=\"retention-chart-caption\"",
                "113.3%", "70.6%", "50.0% (1 of 2)", "id=\"nav-metrics\"", "Accounts of " + csm,
                "href=\"/ops/metrics/revenue.csv?from=2026-01-01&amp;to=2026-04-01&amp;groupBy=month&amp;csm=");
        MvcResult csv = mvc.perform(MockMvcRequestBuilders.get("/ops/metrics/revenue.csv").param("from", "2026-01-01")
                        .param("to", "2026-04-01").param("groupBy", "month").param("csm", csm)
                        .with(signedIn("ops.metrics@tenure.test", "CS_OPS")))
                .andExpect(status().isOk()).andReturn();
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        assertThat(csv.getResponse().getContentAsString()).contains("revenue,month,2026-02,2026-02-01,2026-03-01,nrr_pct,70.6");
    }

    @Test
    void on_the_metrics_page_a_csm_sees_their_own_figures_and_not_another_csms() throws Exception {
        String csm = csmWithTwoAccounts();
        String other = csmWithTwoAccounts();

        String html = mvc.perform(MockMvcRequestBuilders.get("/ops/metrics").param("month", "2026-02").with(signedIn(csm)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        mvc.perform(MockMvcRequestBuilders.get("/ops/metrics").param("csm", other).with(signedIn(csm)))
                .andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.get("/ops/metrics/revenue.csv").param("csm", other).with(signedIn(csm)))
                .andExpect(status().isForbidden());

        assertThat(html).contains("Accounts of " + csm, "70.6%").doesNotContain("id=\"csm\"");
    }
}
