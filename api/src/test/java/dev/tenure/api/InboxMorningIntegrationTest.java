package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskOutcome;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.testing.InboxFixtures;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import static dev.tenure.api.PagesIntegrationTest.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A CSM's morning in the inbox, through the real security filters and database: overdue work first and
 * said in words, times in their own zone, snooze presets, done and snoozed views, undo, hand over only to
 * colleagues who exist, duplicates as one row.
 */
class InboxMorningIntegrationTest extends ApiIntegrationTest {

    @Autowired
    Inbox inbox;
    @Autowired
    JdbcClient jdbc;

    private final String csm = "morning-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    /** Tasks as this CSM's inbox meets them. */
    InboxFixtures fixtures;

    @BeforeEach
    void anInboxOfTheirOwn() {
        fixtures = new InboxFixtures(intake, inbox, jdbc);
    }

    String page(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andExpect(status().isOk()).andReturn();
        return result.getResponse().getContentAsString();
    }

    String inboxOf(String email, String... query) throws Exception {
        MockHttpServletRequestBuilder get = MockMvcRequestBuilders.get("/inbox").with(signedIn(email));
        for (int i = 0; i + 1 < query.length; i += 2) {
            get = get.param(query[i], query[i + 1]);
        }
        return page(get);
    }

    @Test
    void overdue_tasks_come_first_under_their_own_heading_each_saying_by_how_many_days() throws Exception {
        ensurePerson(csm, Role.CSM);
        Instant now = TestClock.now();
        Task highNextWeek = fixtures.made(fixtures.detractorTask(csm, "Heading High"), "HIGH", now.plus(Duration.ofDays(6)));
        Task normalOverdue = fixtures.made(fixtures.detractorTask(csm, "Heading Normal"), "NORMAL", now.minus(Duration.ofDays(3)));

        String html = inboxOf(csm);

        assertThat(html.indexOf("id=\"heading-overdue\"")).isPositive().isLessThan(html.indexOf("id=\"heading-high\""));
        assertThat(html.indexOf("id=\"task-" + normalOverdue.id() + "\"")).isLessThan(html.indexOf("id=\"task-" + highNextWeek.id() + "\""));
        assertThat(html).contains("Overdue by 3 days");
        assertThat(html).as("each task a rule made links to why it exists").contains("id=\"why-link-" + normalOverdue.id() + "\"",
                "href=\"/accounts/" + normalOverdue.accountId() + "?why=task-" + normalOverdue.id() + "#why-task-" + normalOverdue.id() + "\"");
        assertThat(html).as("a due time to the second is when the play ran: only its day is shown")
                .contains(">" + dayOf(normalOverdue.dueAt(), ZoneId.of("UTC")) + "</time>");
    }

    @Test
    void a_person_reads_due_times_and_overdue_days_in_their_own_time_zone() throws Exception {
        ensurePerson(csm, Role.CSM);
        Instant nineThisMorningUtc = TestClock.today().atTime(9, 0).atZone(ZoneId.of("UTC")).toInstant();
        Task task = fixtures.made(fixtures.detractorTask(csm, "Zone Zebra"), "HIGH", nineThisMorningUtc);

        assertThat(inboxOf(csm)).contains("Times in <strong id=\"time-zone-shown\">UTC", "Overdue since 09:00", "09:00 UTC");

        mvc.perform(MockMvcRequestBuilders.post("/profile/time-zone").param("timeZone", "Pacific/Auckland").with(signedIn(csm)))
                .andExpect(flash().attribute("notice", "Times are now shown in Pacific/Auckland."));
        // 09:00 in London is 22:00 the same evening in Auckland, where it is already the next day.
        String html = inboxOf(csm);
        assertThat(html).contains("Times in <strong id=\"time-zone-shown\">Pacific/Auckland (NZDT)", "22:00 NZDT", "Overdue by 1 day");
        assertThat(html).contains("id=\"overdue-" + task.id() + "\"");
    }

    @Test
    void a_time_zone_that_does_not_exist_is_refused_by_name_and_the_browsers_zone_never_replaces_a_chosen_one() throws Exception {
        ensurePerson(csm, Role.CSM);

        mvc.perform(MockMvcRequestBuilders.post("/profile/time-zone").param("timeZone", "Mars/Olympus").with(signedIn(csm)))
                .andExpect(flash().attribute("problem", "timeZone: 'Mars/Olympus' is not a time zone (an IANA name such as Europe/Berlin)"));
        mvc.perform(MockMvcRequestBuilders.post("/profile/time-zone/browser").param("timeZone", "America/Chicago").with(signedIn(csm)))
                .andExpect(status().isOk());
        mvc.perform(MockMvcRequestBuilders.post("/profile/time-zone/browser").param("timeZone", "Asia/Tokyo").with(signedIn(csm)))
                .andExpect(status().isNoContent());
        // A page drawn (in the default zone) before the first report was stored reports the same zone: it is drawn again.
        mvc.perform(MockMvcRequestBuilders.post("/profile/time-zone/browser").param("timeZone", "America/Chicago").with(signedIn(csm)))
                .andExpect(status().isOk());

        assertThat(page(MockMvcRequestBuilders.get("/profile/time-zone").with(signedIn(csm)))).contains("America/Chicago (CST)");
        TestRestTemplate me = as(csm, Role.CSM);
        assertThat(me.getForObject("/api/users/me/time-zone", JsonNode.class).get("timeZone").asText()).isEqualTo("America/Chicago");
        ResponseEntity<JsonNode> refused = me.exchange("/api/users/me/time-zone", HttpMethod.PUT, json("{\"timeZone\":\"+02:00\"}"), JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("detail").asText()).isEqualTo("timeZone: '+02:00' is not a time zone (an IANA name such as Europe/Berlin)");
    }

    @Test
    void snooze_presets_are_at_nine_in_the_persons_zone_and_a_custom_time_is_read_in_it_too() throws Exception {
        ensurePerson(csm, Role.CSM);
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        mvc.perform(MockMvcRequestBuilders.post("/profile/time-zone").param("timeZone", kolkata.getId()).with(signedIn(csm)));
        Task tomorrow = fixtures.detractorTask(csm, "Preset Tomorrow");
        Task monday = fixtures.detractorTask(csm, "Preset Monday");
        Task week = fixtures.detractorTask(csm, "Preset Week");
        Task custom = fixtures.detractorTask(csm, "Preset Custom");
        LocalDate today = LocalDate.ofInstant(TestClock.now(), kolkata);

        for (var preset : List.of(List.of(tomorrow, "tomorrow"), List.of(monday, "monday"), List.of(week, "week"))) {
            mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + ((Task) preset.get(0)).id() + "/snooze")
                    .param("preset", (String) preset.get(1)).with(signedIn(csm))).andExpect(status().is3xxRedirection());
        }
        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + custom.id() + "/snooze")
                        .param("until", today.plusDays(2) + "T14:30").with(signedIn(csm)))
                .andExpect(flash().attribute("notice", "Snoozed \"" + custom.title() + "\" until "
                        + dayOf(today.plusDays(2).atTime(14, 30).atZone(kolkata).toInstant(), kolkata) + ", 14:30 IST."));

        assertThat(inbox.get(tomorrow.id()).snoozedUntil()).isEqualTo(today.plusDays(1).atTime(9, 0).atZone(kolkata).toInstant());
        assertThat(inbox.get(monday.id()).snoozedUntil())
                .isEqualTo(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(9, 0).atZone(kolkata).toInstant());
        assertThat(inbox.get(week.id()).snoozedUntil()).isEqualTo(today.plusWeeks(1).atTime(9, 0).atZone(kolkata).toInstant());
        assertThat(inbox.get(custom.id()).snoozedUntil()).isEqualTo(today.plusDays(2).atTime(14, 30).atZone(kolkata).toInstant());

        String snoozed = inboxOf(csm, "view", "snoozed");
        assertThat(snoozed.indexOf("id=\"task-" + tomorrow.id() + "\"")).isPositive()
                .isLessThan(snoozed.indexOf("id=\"task-" + week.id() + "\""));
        assertThat(snoozed).contains("09:00 IST");
        assertThat(inboxOf(csm)).doesNotContain("id=\"task-" + tomorrow.id() + "\"");
    }

    @Test
    void completing_shows_an_undo_that_reopens_the_task_and_the_done_view_lists_completed_tasks() throws Exception {
        Task task = fixtures.detractorTask(csm, "Undo Page");

        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + task.id() + "/complete").param("outcome", "NO_ACTION")
                        .with(signedIn(csm)))
                .andExpect(flash().attribute("undo", List.of(task.id())));
        assertThat(inboxOf(csm, "view", "done")).contains("id=\"task-" + task.id() + "\"", "No action needed", "id=\"reopen-" + task.id() + "\"");

        mvc.perform(MockMvcRequestBuilders.post("/inbox/undo").param("task", String.valueOf(task.id())).with(signedIn(csm)))
                .andExpect(flash().attribute("notice", "Reopened \"" + task.title() + "\": its completion is undone."));

        assertThat(inbox.get(task.id()).status()).isEqualTo(TaskStatus.OPEN);
        assertThat(inboxOf(csm)).contains("id=\"task-" + task.id() + "\"");
        assertThat(inboxOf(csm, "view", "done")).doesNotContain("id=\"task-" + task.id() + "\"");
    }

    @Test
    void handing_a_task_to_an_address_nobody_signs_in_with_is_refused_naming_the_field_in_the_page_and_the_api() throws Exception {
        Task task = fixtures.detractorTask(csm, "Nobody Handover");
        String colleague = "cover-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        ensurePerson(colleague, Role.CSM);

        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + task.id() + "/reassign").param("owner", "nobody@tenure.example")
                        .with(signedIn(csm)))
                .andExpect(flash().attribute("problem",
                        "owner: nobody@tenure.example is not an active person in Tenure; hand over to someone who signs in (see the list)"));
        ResponseEntity<JsonNode> refused = post("/api/tasks/" + task.id() + "/reassign", "{\"owner\":\"nobody@tenure.example\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("detail").asText()).startsWith("owner: nobody@tenure.example is not an active person in Tenure");
        assertThat(inbox.get(task.id()).owner()).isEqualTo(csm);
        assertThat(inboxOf(csm)).as("the picker lists colleagues").contains("<option value=\"" + colleague + "\"");

        mvc.perform(MockMvcRequestBuilders.get("/accounts/" + task.accountId()).with(signedIn(colleague)))
                .andExpect(status().isForbidden());
        ResponseEntity<JsonNode> handed = post("/api/tasks/" + task.id() + "/reassign", "{\"owner\":\"" + colleague + "\"}");
        assertThat(handed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(handed.getBody().get("owner").asText()).isEqualTo(colleague);
        // The colleague covers another CSM's account now: they open it, and why the task exists, from their inbox.
        String account = page(MockMvcRequestBuilders.get("/accounts/" + task.accountId()).with(signedIn(colleague)));
        assertThat(account).contains("Nobody Handover", "id=\"why-task-" + task.id() + "\"");
    }

    @Test
    void tasks_alike_show_as_one_row_with_their_count_and_completing_it_completes_them_all() throws Exception {
        Task current = fixtures.detractorTask(csm, "Alike Page");
        Task stale = fixtures.duplicateOf(current, TestClock.now().minus(Duration.ofDays(40)));
        Task staler = fixtures.duplicateOf(current, TestClock.now().minus(Duration.ofDays(90)));

        String html = inboxOf(csm);
        assertThat(html).contains("id=\"alike-" + staler.id() + "\"", "3 alike", "Complete 3 tasks");
        assertThat(html).as("one row for the three").doesNotContain("id=\"task-" + stale.id() + "\"", "id=\"task-" + current.id() + "\"");
        assertThat(html).contains("3 open tasks");

        mvc.perform(MockMvcRequestBuilders.post("/inbox/tasks/" + staler.id() + "/complete").param("outcome", "SAVED").with(signedIn(csm)))
                .andExpect(flash().attribute("notice", "Completed \"" + current.title() + "\" and 2 alike tasks (Saved)."));

        assertThat(List.of(current, stale, staler)).allSatisfy(t -> assertThat(inbox.get(t.id()).outcome()).isEqualTo(TaskOutcome.SAVED));
        mvc.perform(MockMvcRequestBuilders.post("/inbox/undo").param("task", String.valueOf(staler.id()), String.valueOf(current.id()),
                String.valueOf(stale.id())).with(signedIn(csm))).andExpect(status().is3xxRedirection());
        assertThat(List.of(current, stale, staler)).allSatisfy(t -> assertThat(inbox.get(t.id()).status()).isEqualTo(TaskStatus.OPEN));
    }

    @Test
    void the_api_snoozes_to_a_preset_in_the_callers_zone_and_names_a_preset_it_does_not_know() {
        ensurePerson(csm, Role.CSM);
        TestRestTemplate me = as(csm, Role.CSM);
        me.exchange("/api/users/me/time-zone", HttpMethod.PUT, json("{\"timeZone\":\"Australia/Sydney\"}"), JsonNode.class);
        Task task = fixtures.detractorTask(csm, "Api Preset");
        ZoneId sydney = ZoneId.of("Australia/Sydney");

        ResponseEntity<JsonNode> snoozed = post(me, "/api/tasks/" + task.id() + "/snooze", "{\"preset\": \"tomorrow\"}");
        ResponseEntity<JsonNode> unknown = post(me, "/api/tasks/" + task.id() + "/snooze", "{\"preset\": \"someday\"}");

        assertThat(Instant.parse(snoozed.getBody().get("snoozedUntil").asText()))
                .isEqualTo(LocalDate.ofInstant(TestClock.now(), sydney).plusDays(1).atTime(9, 0).atZone(sydney).toInstant());
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("detail").asText()).isEqualTo("preset: 'someday' is none of tomorrow, monday, week");
    }

    @Test
    void the_api_reopens_a_task_completed_a_moment_ago() {
        Task task = fixtures.detractorTask(csm, "Reopen Api");
        inbox.complete(task.id(), TaskOutcome.SAVED, null);

        ResponseEntity<JsonNode> reopened = post("/api/tasks/" + task.id() + "/reopen", "{}");

        assertThat(reopened.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reopened.getBody().get("status").asText()).isEqualTo("OPEN");
        assertThat(post("/api/tasks/" + task.id() + "/reopen", "{}").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    private static String dayOf(Instant instant, ZoneId zone) {
        return java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy", java.util.Locale.ENGLISH).format(instant.atZone(zone));
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
