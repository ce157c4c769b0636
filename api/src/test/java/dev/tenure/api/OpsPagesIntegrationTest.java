package dev.tenure.api;

import dev.tenure.api.people.Role;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSetReload;
import dev.tenure.engine.rules.RuleSets;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * CS ops run rules and plays from the pages alone: tables searched, sorted and paged through their address
 * with account names; dead letters grouped by request and replayed together; plays paused, resumed and
 * cancelled; rule versions rolled back; scenario tests, a dry run and a backtest; an email's body and a
 * template's preview; metrics that say when a figure rests on few answers.
 */
class OpsPagesIntegrationTest extends ApiIntegrationTest {

    static final String OPS = "ops.pages@tenure.test";

    @Autowired
    DeadLetters deadLetters;
    @Autowired
    PlayRuns runs;
    @Autowired
    Clock clock;
    @Autowired
    RuleSets ruleSets;
    @Autowired
    RuleSetReload reload;
    @Autowired
    ActiveRuleSet active;
    @Autowired
    PersonTimeZones zones;

    String starter;

    @BeforeEach
    void theStarterRulesAreActive() {
        starter = active.get().version();
    }

    /** The other tests share this application and expect the starter rules. */
    @AfterEach
    void backToTheStarterRules() {
        reload.rollback(starter, "cleanup");
    }

    static RequestPostProcessor ops() {
        return PagesIntegrationTest.signedIn(OPS, "CS_OPS");
    }

    String page(MockHttpServletRequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request.with(ops())).andExpect(status().is(status)).andReturn();
        return result.getResponse().getContentAsString();
    }

    /** A page by its address as a browser sends it, already encoded. */
    String page(String path) throws Exception {
        return page(MockMvcRequestBuilders.get(URI.create(path)), 200);
    }

    String npsFor(String accountId, String eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"accountId\":\"" + accountId
                + "\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"score\":9}";
    }

    @Test
    void the_play_runs_table_shows_account_names_and_is_searched_sorted_and_paged_through_its_address() throws Exception {
        PlayRunView run = plays().runningPlay("Table Tapir");

        String found = page("/ops/plays?q=table%20tapir&sort=account&dir=asc");
        String other = page("/ops/plays?q=no-such-account-anywhere");
        String small = page("/ops/plays?size=10&sort=nonsense");

        assertThat(found).contains("id=\"run-" + run.id() + "\"", ">Table Tapir</a>", "aria-sort=\"ascending\"",
                "Showing 1–1 of 1", "matching “table tapir”");
        assertThat(other).doesNotContain("id=\"run-" + run.id() + "\"").contains("Nothing matches");
        // An order the table does not offer falls back to its default: newest first.
        assertThat(small).contains("id=\"sort-started\"", "aria-sort=\"descending\"");
    }

    @Test
    void cs_ops_pause_resume_and_cancel_a_play_run_from_the_page() throws Exception {
        PlayRunView run = plays().runningPlay("Paused Panda");
        String back = "/ops/plays?q=paused+panda";

        mvc.perform(MockMvcRequestBuilders.post("/ops/plays/" + run.id() + "/pause").param("back", back).with(ops()))
                .andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("notice", "Play \"" + run.playName() + "\" at Paused Panda paused."));
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.PAUSED);
        assertThat(page("/ops/plays?status=PAUSED&q=paused%20panda")).contains("id=\"resume-" + run.id() + "\"",
                "id=\"cancel-" + run.id() + "\"").doesNotContain("id=\"pause-" + run.id() + "\"");

        mvc.perform(MockMvcRequestBuilders.post("/ops/plays/" + run.id() + "/resume").with(ops()))
                .andExpect(redirectedUrl("/ops/plays"));
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

        mvc.perform(MockMvcRequestBuilders.post("/ops/plays/" + run.id() + "/cancel").param("back", "https://evil.example/")
                        .with(ops()))
                .andExpect(redirectedUrl("/ops/plays"));
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);

        // A cancelled run cannot be resumed: the page says why instead of failing.
        mvc.perform(MockMvcRequestBuilders.post("/ops/plays/" + run.id() + "/resume").with(ops()))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString("was not resumed")));
        mvc.perform(MockMvcRequestBuilders.post("/ops/plays/" + run.id() + "/pause")
                        .with(PagesIntegrationTest.signedIn("csm.pages@tenure.test")))
                .andExpect(status().isForbidden());
    }

    @Test
    void dead_letters_of_one_request_are_one_row_and_a_refused_megabyte_stays_behind_a_disclosure() throws Exception {
        String tag = "grouped-" + System.nanoTime();
        String huge = "{\"rows\":[" + "{\"x\":\"" + tag + "\"},".repeat(5_000) + "{}]}";
        deadLetters.record(List.of(
                DeadLetter.of("files", "usage-" + tag + ".csv", 2, "a,b," + tag, "feature: missing"),
                DeadLetter.of("files", "usage-" + tag + ".csv", 3, "c,d," + tag, "feature: missing"),
                DeadLetter.of("files", "usage-" + tag + ".csv", 4, huge, "x".repeat(3_000))));
        long request = deadLetters.latest(null, 10).stream().filter(d -> d.origin().contains(tag)).findFirst().orElseThrow()
                .requestId();

        String html = page("/ops/dead-letters?q=" + tag);

        assertThat(html).contains("id=\"request-" + request + "\"", "Showing 1–1 of 1");
        assertThat(Pattern.compile("id=\"request-\\d+\"").matcher(html).results().count()).isEqualTo(1);
        assertThat(Pattern.compile("id=\"dead-letter-\\d+\"").matcher(html).results().count()).isEqualTo(3);
        // The summary of the long record is short; the whole record is inside a closed <details>.
        Matcher summary = Pattern.compile("<summary><span class=\"visually-hidden\">Record: </span><code>([^<]*)</code>").matcher(html);
        while (summary.find()) {
            assertThat(HtmlUtils.htmlUnescape(summary.group(1)).length()).isLessThanOrEqualTo(161);
        }
        assertThat(html).contains("<details class=\"record\">", HtmlUtils.htmlEscape(huge.substring(0, 100)));
        assertThat(html).doesNotContain("<details class=\"record\" open");
    }

    @Test
    void cs_ops_replay_the_chosen_requests_together_and_see_what_became_of_them() throws Exception {
        TestData late = TestData.account("Bulk Bison", Segment.HIGH_TOUCH);
        assertThat(post("/api/webhooks/nps", npsFor(late.id(), late.id() + "-a")).getStatusCode().value()).isEqualTo(400);
        assertThat(post("/api/webhooks/nps", npsFor(late.id(), late.id() + "-b")).getStatusCode().value()).isEqualTo(400);
        List<DeadLetter> letters = deadLetters.latest("webhook", 50).stream().filter(d -> d.record().contains(late.id())).toList();
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).requestId()).isNotEqualTo(letters.get(1).requestId());
        String before = page("/ops/dead-letters?q=" + late.id());
        assertThat(before).contains("id=\"choose-" + letters.get(0).requestId() + "\"", "id=\"replay-chosen\"");
        intake.accept(late.batch());

        mvc.perform(MockMvcRequestBuilders.post("/ops/dead-letters/replay")
                        .param("request", String.valueOf(letters.get(0).requestId()), String.valueOf(letters.get(1).requestId()))
                        .param("back", "/ops/dead-letters?q=" + late.id()).with(ops()))
                .andExpect(redirectedUrl("/ops/dead-letters?q=" + late.id()))
                .andExpect(flash().attribute("notice", "Replayed 2 dead letters of 2 requests (2 records accepted)."));

        assertThat(letters).allSatisfy(d -> assertThat(deadLetters.find(d.id()).orElseThrow().replayedAt()).isNotNull());
        String after = page("/ops/dead-letters?q=" + late.id());
        assertThat(after).contains("id=\"waiting-" + letters.get(0).requestId() + "\">all replayed", "Replayed ")
                .doesNotContain("id=\"replay-" + letters.get(0).id() + "\"");
        mvc.perform(MockMvcRequestBuilders.post("/ops/dead-letters/replay").with(ops()))
                .andExpect(flash().attribute("problem", "Choose at least one request to replay."));
    }

    @Test
    void the_dead_letters_pages_go_on_where_the_first_stops() throws Exception {
        String tag = "paged-" + System.nanoTime();
        for (int i = 0; i < 12; i++) {
            deadLetters.record(List.of(DeadLetter.of("webhook", "webhook/" + tag, null, "{\"n\":" + i + "}", "reason " + tag)));
        }

        String first = page("/ops/dead-letters?q=" + tag + "&size=10");
        String second = page("/ops/dead-letters?q=" + tag + "&size=10&page=2");
        String beyond = page("/ops/dead-letters?q=" + tag + "&size=10&page=99");

        assertThat(first).contains("Showing 1–10 of 12", "Page 1 of 2", "rel=\"next\"");
        assertThat(second).contains("Showing 11–12 of 12", "rel=\"prev\"").doesNotContain("rel=\"next\"");
        assertThat(beyond).contains("Showing 11–12 of 12");
    }

    /** The starter rules with a note added to one rule file, uploaded by {@code who}: a new version in force. */
    String starterWithANote(String note, String who) {
        Map<String, String> files = new HashMap<>(ruleSets.files(starter).orElseThrow());
        String nps = "churn/nps-detractor.drl";
        files.put(nps, files.get(nps) + "\n// " + note + "\n");
        return reload.upload(files, who).version();
    }

    @Test
    void cs_ops_roll_back_to_an_earlier_rule_set_version_from_the_page() throws Exception {
        String variant = starterWithANote("a variant to roll back from the page", "dana@cs.example");
        assertThat(active.get().version()).isEqualTo(variant);

        String rules = page("/ops/rules");
        assertThat(rules).contains("id=\"activate-" + starter + "\"", "Roll back to it");

        mvc.perform(MockMvcRequestBuilders.post("/ops/rules/versions/" + starter + "/activate").with(ops()))
                .andExpect(redirectedUrl("/ops/rules"))
                .andExpect(flash().attribute("notice", "Rule set " + starter + " is in force (it replaced " + variant + ")."));
        assertThat(active.get().version()).isEqualTo(starter);
        assertThat(ruleSets.find(starter).orElseThrow().who()).isEqualTo(OPS);
        mvc.perform(MockMvcRequestBuilders.post("/ops/rules/versions/0000nosuch00/activate").with(ops()))
                .andExpect(status().isNotFound());
    }

    @Test
    void a_rollback_clicked_on_a_page_drawn_before_another_change_changes_nothing_and_says_so() throws Exception {
        String shown = starterWithANote("the version the page showed in force", "dana@cs.example");
        assertThat(page("/ops/rules")).contains("name=\"replaces\" value=\"" + shown + "\"");
        String meanwhile = starterWithANote("brought in after the page was drawn", "lead@cs.example");

        mvc.perform(MockMvcRequestBuilders.post("/ops/rules/versions/" + starter + "/activate").param("replaces", shown).with(ops()))
                .andExpect(redirectedUrl("/ops/rules"))
                .andExpect(flash().attribute("problem", "Rule set " + meanwhile + " came into force after this page showed " + shown
                        + "; nothing was changed. Look at the versions below again before putting " + starter + " back."));
        assertThat(active.get().version()).isEqualTo(meanwhile);
    }

    @Test
    void cs_ops_change_a_threshold_in_the_page_and_it_is_in_force_as_a_new_version() throws Exception {
        String thresholds = "churn/thresholds.csv";
        String text = ruleSets.files(starter).orElseThrow().get(thresholds);
        String editor = page("/ops/rules/edit?file=" + thresholds);
        assertThat(editor).contains("id=\"file-text\"", "RuleTable Urgent tickets", "<option value=\"" + thresholds + "\" selected");

        // A browser sends the text box with CR LF line ends.
        String raised = text.replace("HIGH_TOUCH,90,50,renewal-risk", "HIGH_TOUCH,120,50,renewal-risk");
        assertThat(raised).isNotEqualTo(text);
        mvc.perform(MockMvcRequestBuilders.post("/ops/rules/edit").param("file", thresholds)
                        .param("text", raised.replace("\n", "\r\n")).with(ops()))
                .andExpect(redirectedUrl("/ops/rules"))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.containsString("with your change to " + thresholds)));
        String version = active.get().version();
        assertThat(version).isNotEqualTo(starter);
        assertThat(ruleSets.files(version).orElseThrow().get(thresholds)).isEqualTo(raised);
        assertThat(ruleSets.find(version).orElseThrow().who()).isEqualTo(OPS);
    }

    @Test
    void an_edit_saved_after_someone_else_changed_the_rules_comes_back_unsaved_rather_than_undoing_their_change() throws Exception {
        String thresholds = "churn/thresholds.csv";
        String editor = page("/ops/rules/edit?file=" + thresholds);
        assertThat(editor).contains("name=\"replaces\" value=\"" + starter + "\"");
        Map<String, String> theirs = new HashMap<>(ruleSets.files(starter).orElseThrow());
        theirs.put(thresholds, theirs.get(thresholds).replace("HIGH_TOUCH,90,50,renewal-risk", "HIGH_TOUCH,120,50,renewal-risk"));
        String meanwhile = reload.upload(theirs, "lead@cs.example").version();
        String mine = ruleSets.files(starter).orElseThrow().get(thresholds).replace("Notes,\"Per-segment", "Notes,\"Edited. Per-segment");

        String answer = page(MockMvcRequestBuilders.post("/ops/rules/edit").param("file", thresholds).param("text", mine)
                .param("replaces", starter), 200);

        assertThat(answer).contains("Rule set " + meanwhile + " came into force after you opened " + thresholds + " from " + starter,
                "it changed " + thresholds + " too", "Nothing was stored", "Edited. Per-segment",
                "name=\"replaces\" value=\"" + meanwhile + "\"");
        assertThat(active.get().version()).isEqualTo(meanwhile);
        assertThat(ruleSets.files(meanwhile).orElseThrow().get(thresholds)).contains("HIGH_TOUCH,120,50,renewal-risk");
        // Saved again from the version now in force, it goes in on top of the other change.
        mvc.perform(MockMvcRequestBuilders.post("/ops/rules/edit").param("file", thresholds).param("text", mine)
                        .param("replaces", meanwhile).with(ops()))
                .andExpect(redirectedUrl("/ops/rules"));
        assertThat(ruleSets.find(active.get().version()).orElseThrow().who()).isEqualTo(OPS);
    }

    @Test
    void a_refused_edit_comes_back_in_its_text_box_with_the_problem_at_its_line_and_nothing_changes() throws Exception {
        String thresholds = "churn/thresholds.csv";
        String text = ruleSets.files(starter).orElseThrow().get(thresholds);
        String broken = text.replace("Segment.$param, stage != Stage.ONBOARDING\",\"accountId == $a.id, feature == \"\"core\"\", hasUsualWeek, sustainedChangePct",
                "Segment.$param, stage != Stage.ONBOARDING\",\"accountId == $a.id, feature == \"\"core\"\", hasUsualWeek, noSuchFact, sustainedChangePct");
        assertThat(broken).isNotEqualTo(text);

        String answer = page(MockMvcRequestBuilders.post("/ops/rules/edit").param("file", thresholds).param("text", broken), 200);
        assertThat(answer).contains("was refused", starter + " stays in force", "id=\"problems\"", thresholds + ":", "noSuchFact");
        assertThat(active.get().version()).isEqualTo(starter);
        mvc.perform(MockMvcRequestBuilders.get("/ops/rules/edit").param("file", "churn/no-such-file.drl").with(ops()))
                .andExpect(status().isNotFound());
    }

    @Test
    void the_rules_table_sorts_by_plays_started_and_finds_a_rule_by_name() throws Exception {
        String byStarted = page("/ops/rules?sort=started&dir=desc");
        String found = page("/ops/rules?q=detractor");

        assertThat(byStarted).contains("id=\"rules\"", "aria-sort=\"descending\"");
        assertThat(found).containsIgnoringCase("detractor");
        assertThat(found).containsPattern("Showing 1–\\d+ of \\d+</span><span> matching “detractor”");
    }

    @Test
    void cs_ops_run_the_scenario_tests_from_the_page_and_see_each_result() throws Exception {
        String report = page(MockMvcRequestBuilders.post("/ops/rules/test"), 200);

        assertThat(report).contains("id=\"scenario-summary\"", "Passed: ", "id=\"scenario-results\"", ".yml:", "passed");
        assertThat(report).doesNotContain("FAILED");
    }

    @Test
    void a_dry_run_for_an_account_names_the_rules_that_fire_and_the_plays_they_would_start() throws Exception {
        TestData account = plays().dropping("Dry Dingo");
        PlayRunView run = runs.list(account.id(), null, 5).get(0);

        String html = page("/ops/rules/dry-run?account=" + account.id());

        assertThat(html).contains("Dry run for", ">Dry Dingo</a>", "id=\"dry-run-rules\"", HtmlUtils.htmlEscape(run.why().rule()),
                "id=\"dry-run-plays\"", "nothing is stored or sent");
        page(MockMvcRequestBuilders.get("/ops/rules/dry-run").param("account", "no-such-account"), 404);
    }

    @Test
    void a_backtest_started_from_the_page_shows_its_progress_then_its_report() throws Exception {
        MvcResult started = mvc.perform(MockMvcRequestBuilders.post("/ops/backtests").param("from", "2026-10-01")
                        .param("to", "2026-12-01").param("version", "").param("window", "").with(ops()))
                .andExpect(redirectedUrlPattern("/ops/backtests/*")).andReturn();
        String path = started.getResponse().getRedirectedUrl();

        String first = page(path);
        assertThat(first).contains("id=\"backtest-status\"", "id=\"backtest-period\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> page(path).contains(">DONE<"));
        String done = page(path);

        assertThat(done).contains("id=\"backtest-churn\"", "id=\"backtest-rules\"", "id=\"backtest-alerts-csv\"")
                .doesNotContain("http-equiv=\"refresh\"");
        assertThat(page("/ops/backtests")).contains("id=\"backtest-" + path.substring(path.lastIndexOf('/') + 1) + "\"");

        mvc.perform(MockMvcRequestBuilders.post("/ops/backtests").param("from", "2026-12-01").param("to", "2026-10-01")
                        .with(ops()))
                .andExpect(redirectedUrl("/ops/backtests"))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString("to: '2026-10-01' is not after from")));
        mvc.perform(MockMvcRequestBuilders.post("/ops/backtests").param("from", "2026-10-01").param("to", "2026-12-01")
                        .param("window", "a month").with(ops()))
                .andExpect(redirectedUrl("/ops/backtests"))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString(
                        "window: 'a month' is not a whole number of days")));
    }

    /**
     * The form's dates are read as the API reads them, at the start of the day in Tenure's default zone: the form
     * says that zone, not the viewer's own, or someone in Los Angeles asking for October would get a period starting
     * on the evening of September 30 of theirs.
     */
    @Test
    void the_backtest_form_says_the_zone_its_dates_are_read_in_whatever_the_viewers_own() throws Exception {
        String viewer = "ops.los-angeles@tenure.test";
        ensurePerson(viewer, Role.CS_OPS);
        zones.set(viewer, "America/Los_Angeles");

        String form = mvc.perform(MockMvcRequestBuilders.get("/ops/backtests").with(PagesIntegrationTest.signedIn(viewer, "CS_OPS")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(form).contains("From (a date, in <span>" + zones.fallback().getId() + "</span>)")
                .doesNotContain("in <span>America/Los_Angeles</span>");
    }

    @Test
    void the_email_view_shows_the_body_as_sent_without_anything_that_could_run() throws Exception {
        TestData account = TestData.account("Email Eland", Segment.LOW_TOUCH).contact(ContactRole.BILLING)
                .billing(BillingEvent.PAYMENT_FAILED, 8);
        intake.accept(account.batch());
        await().atMost(Duration.ofSeconds(10)).until(() -> items("/api/emails?accountId=" + account.id()).size() == 1);
        long id = items("/api/emails?accountId=" + account.id()).get(0).path("id").asLong();

        String log = page("/ops/emails?q=email%20eland&sort=subject&dir=asc");
        String view = page("/ops/emails/" + id);

        assertThat(log).contains("id=\"open-email-" + id + "\"", ">Email Eland</a>", "Showing 1–1 of 1");
        assertThat(view).contains("id=\"email-body\"", "id=\"email-facts\"", "Email Eland", WhyApiIntegrationTest.RULE)
                .doesNotContain("<script", "style=\"");
        page(MockMvcRequestBuilders.get("/ops/emails/999999999"), 404);
    }

    @Test
    void a_template_is_previewed_for_a_chosen_account_with_its_name_filled_in() throws Exception {
        TestData account = TestData.account("Preview Puma", Segment.LOW_TOUCH).contact(ContactRole.BILLING);
        intake.accept(account.batch());
        String template = active.get().templateIds().get(0);

        String html = page("/ops/emails/preview?template=" + template + "&account=" + account.id());

        assertThat(html).contains("id=\"email-body\"", "id=\"preview-subject\"", "Preview Puma", "nothing is stored or sent")
                .doesNotContain("[[${", "<script");
        assertThat(page("/ops/emails")).contains("id=\"preview-form\"", "<option value=\"" + template + "\"");
        page(MockMvcRequestBuilders.get("/ops/emails/preview").param("template", "no-such-template").param("account", account.id()), 404);
    }

    @Test
    void the_metrics_revenue_table_scrolls_in_its_own_box_the_whole_period_is_explained_and_few_answers_are_flagged() throws Exception {
        TestData account = TestData.account("Few Ferret", Segment.HIGH_TOUCH).nps(2, 3);
        intake.accept(account.batch());

        String html = page("/ops/metrics?csm=" + account.account().csm());

        assertThat(html).contains("class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"revenue-by-month-caption\"",
                "id=\"revenue-by-month-caption\"", "id=\"whole-period-note\"", "aria-describedby=\"whole-period-note\"",
                "id=\"few-answers-note\"", "few answers (1)");
    }
}
