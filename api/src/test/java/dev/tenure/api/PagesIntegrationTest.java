package dev.tenure.api;

import dev.tenure.api.people.Role;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskOutcome;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages people use, for a given viewer: a CSM works their inbox and opens their accounts; CS ops see
 * everything. Requests go through the real security filters, signed in as the login form would sign them in.
 */
class PagesIntegrationTest extends ApiIntegrationTest {

    @Autowired
    Inbox inbox;
    @Autowired
    Timeline timeline;
    @Autowired
    DeadLetters deadLetters;

    /** A detractor answer at a high-touch account put one call-back task in its CSM's inbox. */
    Task detractorTask(String name) {
        TestData account = TestData.account(name, Segment.HIGH_TOUCH).nps(2, 0);
        intake.accept(account.batch());
        TaskQuery query = new TaskQuery(null, account.id(), null, null, 10);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.list(query).size() == 1);
        return inbox.list(query).get(0);
    }

    /** Signed in as the login form signs people in, with the CSRF token every form carries. */
    static RequestPostProcessor signedIn(String email, String... roles) {
        RequestPostProcessor user = SecurityMockMvcRequestPostProcessors.user(email).roles(roles.length == 0 ? new String[]{"CSM"} : roles);
        RequestPostProcessor csrf = SecurityMockMvcRequestPostProcessors.csrf();
        return request -> csrf.postProcessRequest(user.postProcessRequest(request));
    }

    String page(MockHttpServletRequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andExpect(status().is(status)).andReturn();
        return result.getResponse().getContentAsString();
    }

    @Test
    void without_a_signed_in_user_the_inbox_sends_them_to_sign_in_and_shows_nothing() throws Exception {
        detractorTask("Nobody Signed In");

        mvc.perform(MockMvcRequestBuilders.get("/inbox"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void the_address_people_type_and_where_signing_in_lands_is_the_inbox() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/").with(signedIn("csm.lands@tenure.test")))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/inbox"));
    }

    @Test
    void a_csm_sees_their_own_open_tasks_with_the_checklist_and_not_another_csms() throws Exception {
        Task mine = detractorTask("Mine Mineral");
        Task theirs = detractorTask("Theirs Thistle");

        String html = page(MockMvcRequestBuilders.get("/inbox").with(signedIn(mine.owner())), 200);

        assertThat(html).contains("My inbox", "id=\"task-" + mine.id() + "\"", "Mine Mineral", "Call back within two working days",
                "play nps-detractor", "lang=\"en\"", "Skip to content", "data-last-id=\"" + mine.id() + "\"");
        assertThat(html).doesNotContain("Theirs Thistle", "id=\"task-" + theirs.id() + "\"", "id=\"nav-rules\"");
    }

    @Test
    void a_csm_ticks_checklist_items_and_finds_them_ticked_when_the_inbox_is_drawn_again() throws Exception {
        Task task = detractorTask("Ticking Toucan");

        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + task.id() + "/checklist").param("done", "0", "1")
                        .with(signedIn(task.owner())))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/inbox"));

        assertThat(inbox.get(task.id()).checklistDone()).containsExactlyInAnyOrder(0, 1);
        String html = page(MockMvcRequestBuilders.get("/inbox").with(signedIn(task.owner())), 200);
        assertThat(html).contains("Checklist (2 of " + task.checklist().size() + " done)", "id=\"checklist-save-" + task.id() + "\"");
        assertThat(html).containsPattern("checked=\"checked\"[^>]*id=\"check-" + task.id() + "-0\"|id=\"check-" + task.id() + "-0\"[^>]*checked");
    }

    @Test
    void the_inbox_filters_and_marks_overdue_tasks_in_words() throws Exception {
        Task task = detractorTask("Overdue Otter");
        inbox.reschedule(List.of(task.id()), TestClock.now().plusSeconds(2), task.owner());
        await().atMost(Duration.ofSeconds(5)).until(() -> task.overdueAt(TestClock.now().minusSeconds(2))
                || inbox.get(task.id()).dueAt().isBefore(TestClock.now()));

        String overdue = page(MockMvcRequestBuilders.get("/inbox").param("overdue", "true").with(signedIn(task.owner())), 200);
        String low = page(MockMvcRequestBuilders.get("/inbox").param("priority", "LOW").with(signedIn(task.owner())), 200);

        assertThat(overdue).contains("id=\"task-" + task.id() + "\"", "id=\"overdue-" + task.id() + "\"", ">Overdue since ");
        assertThat(low).doesNotContain("id=\"task-" + task.id() + "\"").contains("id=\"filter-clear\"");
    }

    @Test
    void completing_a_task_takes_it_out_of_the_inbox_and_puts_it_on_the_accounts_timeline() throws Exception {
        Task task = detractorTask("Complete Comet");

        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + task.id() + "/complete").param("outcome", "SAVED").param("note", "Called, all good")
                        .with(signedIn(task.owner())))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/inbox"))
                .andExpect(flash().attribute("notice", "Completed \"" + task.title() + "\" (Saved)."));

        assertThat(inbox.get(task.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(inbox.get(task.id()).outcome()).isEqualTo(TaskOutcome.SAVED);
        assertThat(page(MockMvcRequestBuilders.get("/inbox").with(signedIn(task.owner())), 200)).doesNotContain("id=\"task-" + task.id() + "\"");
        assertThat(page(MockMvcRequestBuilders.get("/accounts/" + task.accountId()).with(signedIn(task.owner())), 200))
                .contains("task.completed", "Called, all good");
    }

    @Test
    void completing_without_an_outcome_is_refused_with_the_field_named() throws Exception {
        Task task = detractorTask("No Outcome Page");

        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + task.id() + "/complete").with(signedIn(task.owner())))
                .andExpect(flash().attribute("problem", "outcome: choose what came of the task"));

        assertThat(inbox.get(task.id()).status()).isEqualTo(TaskStatus.OPEN);
    }

    @Test
    void a_snoozed_task_leaves_the_inbox_until_the_time_chosen() throws Exception {
        Task task = detractorTask("Snooze Sloth");
        String until = TestClock.today().plusDays(3) + "T09:30";

        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + task.id() + "/snooze").param("until", until).with(signedIn(task.owner())))
                .andExpect(status().is3xxRedirection());

        assertThat(inbox.get(task.id()).status()).isEqualTo(TaskStatus.SNOOZED);
        assertThat(inbox.get(task.id()).snoozedUntil()).isEqualTo(TestClock.today().plusDays(3).atTime(9, 30).toInstant(ZoneOffset.UTC));
    }

    @Test
    void a_csm_on_holiday_hands_selected_tasks_to_a_colleague_and_moves_others_to_after_the_holiday() throws Exception {
        Task first = detractorTask("Holiday Heron");
        Task second = detractorTask("Holiday Hare");
        String back = TestClock.today().plusDays(21).toString();

        ensurePerson("cover@tenure.test", Role.CSM);
        // CS ops act for both CSMs at once; a CSM could only select their own.
        mvc.perform(MockMvcRequestBuilders.post("/inbox/bulk").param("task", String.valueOf(first.id())).param("action", "reassign")
                        .param("owner", "cover@tenure.test").with(signedIn("ops@tenure.test", "CS_OPS")))
                .andExpect(flash().attribute("notice", "1 task handed to cover@tenure.test."));
        mvc.perform(MockMvcRequestBuilders.post("/inbox/bulk").param("task", String.valueOf(second.id())).param("action", "reschedule")
                        .param("dueAt", back).with(signedIn(second.owner())))
                .andExpect(status().is3xxRedirection());

        assertThat(inbox.get(first.id()).owner()).isEqualTo("cover@tenure.test");
        assertThat(page(MockMvcRequestBuilders.get("/inbox").with(signedIn("cover@tenure.test")), 200)).contains("id=\"task-" + first.id() + "\"");
        assertThat(inbox.get(second.id()).dueAt()).isEqualTo(LocalDate.parse(back).atTime(9, 0).toInstant(ZoneOffset.UTC));
        assertThat(timeline.of(first.accountId(), 5)).extracting(TimelineEntry::type).contains("task.reassigned");
        assertThat(timeline.of(second.accountId(), 5)).extracting(TimelineEntry::type).contains("task.rescheduled");
    }

    @Test
    void handing_a_task_to_something_that_is_not_an_email_address_names_the_field() throws Exception {
        Task task = detractorTask("Bad Handover Page");

        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + task.id() + "/reassign").param("owner", "sam").with(signedIn(task.owner())))
                .andExpect(flash().attribute("problem", "owner: 'sam' is not an email address (name@company.example)"));

        assertThat(inbox.get(task.id()).owner()).isEqualTo(task.owner());
    }

    @Test
    void a_csm_may_not_touch_another_csms_task_account_or_inbox_nor_the_ops_pages() throws Exception {
        Task theirs = detractorTask("Forbidden Fox");
        String me = "someone.else@tenure.test";

        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + theirs.id() + "/complete").param("outcome", "SAVED").with(signedIn(me)))
                .andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.post("/inbox/bulk").param("task", String.valueOf(theirs.id())).param("action", "reassign")
                .param("owner", me).with(signedIn(me))).andExpect(status().isForbidden());
        assertThat(page(MockMvcRequestBuilders.get("/accounts/" + theirs.accountId()).with(signedIn(me)), 403)).contains("another CSM").doesNotContain(theirs.accountName());
        page(MockMvcRequestBuilders.get("/inbox").param("owner", theirs.owner()).with(signedIn(me)), 403);
        page(MockMvcRequestBuilders.get("/ops/rules").with(signedIn(me)), 403);
        assertThat(inbox.get(theirs.id()).status()).isEqualTo(TaskStatus.OPEN);
    }

    @Test
    void new_tasks_since_the_page_was_drawn_come_as_rows_for_the_poll() throws Exception {
        Task task = detractorTask("Polled Puffin");

        String rows = page(MockMvcRequestBuilders.get("/inbox/new").param("after", String.valueOf(task.id() - 1)).with(signedIn(task.owner())), 200);
        String none = page(MockMvcRequestBuilders.get("/inbox/new").param("after", String.valueOf(task.id())).with(signedIn(task.owner())), 200);

        assertThat(rows).contains("id=\"task-" + task.id() + "\"", "Polled Puffin").doesNotContain("<html");
        assertThat(none).doesNotContain("<tr");
    }

    @Test
    void the_account_page_shows_facts_health_with_its_trend_running_plays_and_the_timeline() throws Exception {
        TestData account = plays().savePlayStarted(() -> TestData.account("Account Page Alpaca", Segment.HIGH_TOUCH).renewsInDays(200)
                .usage("core", 56, 29, 100).usage("core", 28, 0, 40));

        String html = page(MockMvcRequestBuilders.get("/accounts/" + account.id()).with(signedIn(account.account().csm())), 200);

        assertThat(html).contains("Account Page Alpaca", "HIGH_TOUCH", account.account().csm(),
                TestClock.today().plusDays(200).toString());
        assertThat(html).contains("id=\"health-now\"", "id=\"health-components\"", "usage", "sentiment",
                "<svg id=\"health-trend\"", "<polyline", "id=\"health-history\"");
        assertThat(html).contains("id=\"running-plays\"", "Save play", "usage-drop-checkin");
        assertThat(html).contains("id=\"timeline\"", "play.started");
        assertThat(page(MockMvcRequestBuilders.get("/accounts/" + account.id()).with(signedIn("ops@tenure.test", "CS_OPS")), 200)).contains("Account Page Alpaca");
        page(MockMvcRequestBuilders.get("/accounts/no-such-account").with(signedIn("ops@tenure.test", "ADMIN")), 404);
    }

    @Test
    void cs_ops_see_the_rules_with_their_fire_counts_running_plays_dead_letters_and_the_email_log() throws Exception {
        Task task = detractorTask("Ops Osprey");
        TestData dropping = plays().savePlayStarted(() -> TestData.account("Ops Ocelot", Segment.HIGH_TOUCH).usage("core", 56, 29, 100)
                .usage("core", 28, 0, 40));
        post("/api/webhooks/nps", "{\"eventId\":\"ops-bad-1\",\"accountId\":\"" + task.accountId()
                + "\",\"occurredAt\":\"yesterday\",\"score\":3}");

        String rules = page(MockMvcRequestBuilders.get("/ops/rules").with(signedIn("ops@tenure.test", "CS_OPS")), 200);
        String plays = page(MockMvcRequestBuilders.get("/ops/plays").with(signedIn("ops@tenure.test", "CS_OPS")), 200);
        String letters = page(MockMvcRequestBuilders.get("/ops/dead-letters").with(signedIn("admin@tenure.test", "ADMIN")), 200);
        String emails = page(MockMvcRequestBuilders.get("/ops/emails").with(signedIn("ops@tenure.test", "CS_OPS")), 200);

        assertThat(rules).contains("id=\"rules\"", "id=\"rule-set-version\"", "ACTIVE", "id=\"nav-rules\"");
        assertThat(rules).containsPattern("NPS[^<]*</td>\\s*<td data-label=\"Plays started\">[1-9]");
        assertThat(plays).contains("id=\"running-plays\"", dropping.id(), "Save play");
        assertThat(letters).contains("id=\"dead-letters\"", "yesterday", "occurredAt");
        assertThat(emails).contains("Email log", "Suppressed or deferred by the guardrails");
    }

    @Test
    void cs_ops_replay_a_refused_webhook_once_its_account_exists() throws Exception {
        TestData late = TestData.account("Replay Raven", Segment.HIGH_TOUCH);
        String body = "{\"eventId\":\"" + late.id() + "-nps\",\"accountId\":\"" + late.id()
                + "\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"score\":9}";
        assertThat(post("/api/webhooks/nps", body).getStatusCode().value()).isEqualTo(400);
        long id = deadLetters.latest("webhook", 50).stream().filter(d -> d.record().contains(late.id()))
                .findFirst().orElseThrow().id();
        assertThat(page(MockMvcRequestBuilders.get("/ops/dead-letters").with(signedIn("ops@tenure.test", "CS_OPS")), 200))
                .contains("id=\"replay-" + id + "\"");
        intake.accept(late.batch());

        mvc.perform(MockMvcRequestBuilders.post("/ops/dead-letters/" + id + "/replay").with(signedIn("someone@tenure.test")))
                .andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.post("/ops/dead-letters/" + id + "/replay").with(signedIn("ops@tenure.test", "CS_OPS")))
                .andExpect(redirectedUrl("/ops/dead-letters"))
                .andExpect(flash().attribute("notice", "Dead letter " + id + " replayed: 1 accepted, 0 already there."));

        assertThat(deadLetters.find(id).orElseThrow().replayedAt()).isNotNull();
        assertThat(page(MockMvcRequestBuilders.get("/ops/dead-letters").with(signedIn("ops@tenure.test", "CS_OPS")), 200))
                .doesNotContain("id=\"replay-" + id + "\"");
    }

    @Test
    void the_dead_letters_page_offers_replay_for_segment_and_kafka_letters_but_not_for_a_retired_warehouse_source() throws Exception {
        String tag = "page-" + System.nanoTime();
        deadLetters.record(List.of(
                DeadLetter.of("segment", "segment/track", null,
                        "{\"messageId\":\"" + tag + "-s\",\"event\":\"Report Exported\",\"timestamp\":\"2026-11-01T10:00:00\"}", "timestamp: no zone"),
                DeadLetter.of("kafka", "tenure.usage/0/" + tag, null, "not json " + tag,
                        "message: json: Unrecognized token 'not'"),
                DeadLetter.of("jdbc", "jdbc/retired_" + tag.replace('-', '_') + "/usage", null,
                        "{\"id\":1,\"tag\":\"" + tag + "\"}", "feature: missing")));
        Map<String, Long> ids = new HashMap<>();
        deadLetters.latest(null, 50).stream().filter(d -> d.record().contains(tag)).forEach(d -> ids.put(d.source(), d.id()));

        String letters = page(MockMvcRequestBuilders.get("/ops/dead-letters").with(signedIn("ops@tenure.test", "CS_OPS")), 200);

        assertThat(letters).contains("id=\"replay-" + ids.get("segment") + "\"", "id=\"replay-" + ids.get("kafka") + "\"",
                "id=\"dead-letter-" + ids.get("jdbc") + "\"");
        assertThat(letters).doesNotContain("id=\"replay-" + ids.get("jdbc") + "\"");
    }
}
