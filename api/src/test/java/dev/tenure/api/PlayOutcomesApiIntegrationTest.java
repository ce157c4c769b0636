package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.HoldoutDraw;
import dev.tenure.engine.plays.HoldoutProperties;
import dev.tenure.engine.plays.Measurement;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.SendWindowProperties;
import dev.tenure.engine.plays.StartGuard;
import dev.tenure.engine.plays.StopWhen;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A measured play with two runs that got it (one reached its goal in 6 days, one never did) and one held-out
 * run that did not reach it: 50% against 0%, a lift of 50 points, too few to tell; over REST, as CSV and on
 * the page. A CSM sees only their accounts' runs; bad parameters are named.
 * <p>
 * Each account used the core feature 10 times a day in the 28 days of its start's baseline (70 a week) and not
 * in the 7 days before the start 40 days ago; the one that recovers uses it again from the start day on, so 80%
 * of the baseline (56 in 7 days) first holds 6 days after the start.
 */
class PlayOutcomesApiIntegrationTest extends ApiIntegrationTest {

    private static final String CSM = "outcomes.csm@tenure.test";

    @Autowired
    ActiveRuleSet rules;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonColumns json;
    @Autowired
    Timeline timeline;
    @Autowired
    Accounts accounts;
    @Autowired
    Contacts contacts;
    @Autowired
    EngineProperties engine;
    @Autowired
    SendWindowProperties sendWindow;
    @Autowired
    StartGuard guard;

    private final String playId = "measured-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant start = TestClock.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(40));
    private final LocalDate today = TestClock.today();
    private TestData reached;

    @BeforeEach
    void measuredRuns() {
        reached = account(true).csm(CSM);
        start(reached, false);
        start(account(false), false);
        start(account(false), true);
    }

    @Test
    void the_report_compares_the_runs_that_got_the_play_with_the_held_out_ones() {
        JsonNode report = get("/api/plays/outcomes?from=" + today.minusDays(60) + "&to=" + today.plusDays(1));

        JsonNode play = played(report);
        assertThat(play.path("enrolled").path("runs").asInt()).isEqualTo(2);
        assertThat(play.path("enrolled").path("reached").asInt()).isEqualTo(1);
        assertThat(play.path("enrolled").path("successRate").asDouble()).isEqualTo(50.0);
        assertThat(play.path("enrolled").path("medianDaysToGoal").asDouble()).isEqualTo(6.0);
        assertThat(play.path("holdout").path("runs").asInt()).isEqualTo(1);
        assertThat(play.path("holdout").path("successRate").asDouble()).isEqualTo(0.0);
        assertThat(play.path("holdout").path("medianDaysToGoal").isNull()).isTrue();
        assertThat(play.path("liftPoints").asDouble()).isEqualTo(50.0);
        assertThat(play.path("tooFewToTell").asBoolean()).isTrue();
        assertThat(report.path("from").asText()).isEqualTo(today.minusDays(60).toString());
    }

    @Test
    void the_report_as_csv_is_an_attachment_with_a_header_and_a_row_per_play() {
        ResponseEntity<String> csv = http.getForEntity("/api/plays/outcomes?month=" + today.minusDays(40).toString().substring(0, 7)
                + "&format=csv", String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment; filename=\"play-outcomes-");
        List<String> lines = Arrays.asList(csv.getBody().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("play_id,play_name,within_days,holdout_percent,enrolled_runs,enrolled_reached,"
                + "enrolled_success_rate,enrolled_median_days_to_goal,enrolled_pending,holdout_runs,holdout_reached,"
                + "holdout_success_rate,holdout_median_days_to_goal,holdout_pending,lift_points,too_few_to_tell");
        assertThat(lines).contains(playId + ",Measured play,,,2,1,50.0,6.0,0,1,0,0.0,,0,50.0,true");
    }

    @Test
    void one_play_lists_its_runs_with_when_each_reached_its_goal_also_as_csv() {
        JsonNode report = get("/api/plays/" + playId + "/outcomes");

        assertThat(report.path("runs")).extracting(r -> r.path("arm").asText() + " " + r.path("status").asText())
                .containsExactly("ENROLLED REACHED", "ENROLLED MISSED", "HOLDOUT MISSED");
        assertThat(report.path("runs").get(0).path("daysToGoal").asDouble()).isEqualTo(6.0);

        String csv = http.getForObject("/api/plays/" + playId + "/outcomes?format=csv", String.class);
        assertThat(csv.split("\r\n")).hasSize(4);
        assertThat(csv).startsWith("run_id,play_id,account_id,account_name,csm,arm,started_at,horizon_at,status,reached_at,days_to_goal\r\n");
        assertThat(csv).contains("," + reached.id() + ",Recovered," + CSM + ",ENROLLED," + start + "," + start.plus(Duration.ofDays(30))
                + ",REACHED," + start.plus(Duration.ofDays(6)) + ",6.0\r\n");
    }

    @Test
    void a_csm_sees_figures_over_their_own_accounts_and_no_one_elses() {
        ensurePerson(CSM, Role.CSM);
        JsonNode own = as(CSM, Role.CSM).getForObject("/api/plays/" + playId + "/outcomes", JsonNode.class);

        assertThat(own.path("runs")).hasSize(1);
        assertThat(own.path("outcome").path("enrolled").path("runs").asInt()).isEqualTo(1);
        assertThat(as(CSM, Role.CSM).getForEntity("/api/plays/outcomes?csm=someone.else@tenure.test", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void bad_parameters_get_a_problem_naming_the_parameter_and_an_unknown_play_is_not_found() {
        Map<String, String> asked = Map.of(
                "from=2026-13-01", "from",
                "to=tomorrow", "to",
                "month=2026-1", "month",
                "month=2026-10&from=2026-10-01", "month",
                "from=2026-10-02&to=2026-10-01", "to",
                "from=-4800-01-01&to=2026-01-01", "from",
                "month=-4800-01", "month",
                "format=xml", "format");
        asked.forEach((query, parameter) -> {
            ResponseEntity<JsonNode> answer = http.getForEntity("/api/plays/outcomes?" + query, JsonNode.class);
            assertThat(answer.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().path("parameter").asText()).as(query).isEqualTo(parameter);
            assertThat(answer.getBody().path("detail").asText()).as(query).startsWith(parameter + ": ");
        });
        assertThat(http.getForEntity("/api/plays/no-such-play/outcomes", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void the_page_draws_success_against_holdout_with_the_same_numbers_in_a_table_and_a_csv_link() throws Exception {
        String page = page("/ops/plays/outcomes?from=" + today.minusDays(60), "ops@tenure.test", "CS_OPS");

        assertThat(page).contains("id=\"outcome-bars\"", "id=\"outcome-" + playId + "\"", "50.0%", "+50.0 points",
                "Too few to tell", "/ops/plays/outcomes.csv?from=" + today.minusDays(60));
        String csv = page("/ops/plays/outcomes.csv?from=" + today.minusDays(60), "ops@tenure.test", "CS_OPS");
        assertThat(csv).contains(playId + ",Measured play,");
        assertThat(page("/ops/plays/outcomes/" + playId, "ops@tenure.test", "CS_OPS")).contains("reached in 6.0 days", "not reached", "held out");
    }

    @Test
    void the_runs_of_a_play_are_sorted_and_searched_through_the_address() throws Exception {
        String sorted = page("/ops/plays/outcomes/" + playId + "?sort=goal&dir=asc", "ops@tenure.test", "CS_OPS");
        String none = page("/ops/plays/outcomes/" + playId + "?q=nobody-at-all", "ops@tenure.test", "CS_OPS");

        assertThat(sorted).contains("id=\"sort-goal\"", "aria-sort=\"ascending\"", "reached in 6.0 days");
        assertThat(none).contains("Nothing matches").doesNotContain("reached in 6.0 days");
    }

    @Test
    void on_the_page_a_csm_sees_only_their_accounts_runs() throws Exception {
        String runs = page("/ops/plays/outcomes/" + playId, CSM);

        assertThat(runs).contains("on your accounts only", "reached in 6.0 days").doesNotContain("not reached");
    }

    private String page(String path, String email, String... roles) throws Exception {
        MvcResult result = mvc.perform(MockMvcRequestBuilders.get(path).with(PagesIntegrationTest.signedIn(email, roles)))
                .andExpect(status().isOk()).andReturn();
        return result.getResponse().getContentAsString();
    }

    private JsonNode played(JsonNode report) {
        for (JsonNode play : report.path("plays")) {
            if (play.path("playId").asText().equals(playId)) {
                return play;
            }
        }
        throw new AssertionError("no " + playId + " in " + report);
    }

    private TestData account(boolean recovers) {
        TestData account = TestData.account(recovers ? "Recovered" : "Still Down", Segment.HIGH_TOUCH).usage("core", 75, 48, 10);
        if (recovers) {
            account.usage("core", 40, 0, 10);
        }
        return account;
    }

    private void start(TestData account, boolean heldOut) {
        intake.accept(account.batch());
        PlayDefinition play = new PlayDefinition(playId, "Measured play", "Back to 80%", Span.ofDays(30),
                List.of(TestPlays.task(Span.ofDays(400), "Call")), new StopWhen(80, null, null), null,
                new Measurement(Span.ofDays(30), heldOut ? 100 : 0));
        // The test configuration turns holdouts off; this store draws them.
        PlayRuns runs = new PlayRuns(jdbc, json, timeline, accounts, contacts, engine, sendWindow, guard,
                new HoldoutDraw(new HoldoutProperties(true)));
        transaction.execute(tx -> runs.start(account.id(), play, new Why("Core usage fell", rules.get().version(), Map.of()), start));
    }
}
