package dev.tenure.api;

import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TaskFixtures;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tenure.api.PagesIntegrationTest.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The account page and the book of business, for a CSM and for CS ops: what a CSM reads about one account
 * (contacts, a dated chart, tasks and plays with why they exist, the timeline with the account's signals) and
 * about all of theirs (searched, sorted, paged, renewals), and the team's overdue tasks for CS ops.
 */
class AccountPagesIntegrationTest extends ApiIntegrationTest {

    static final String OPS = "ops.book@tenure.test";

    @Autowired
    Inbox inbox;
    @Autowired
    PlayRuns plays;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;

    String page(MockHttpServletRequestBuilder request, int status) throws Exception {
        return mvc.perform(request).andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
    }

    String get(String path, String email, String... roles) throws Exception {
        return page(MockMvcRequestBuilders.get(path).with(signedIn(email, roles)), 200);
    }

    @Test
    void the_account_page_shows_contacts_a_dated_chart_rendered_step_titles_and_why_each_task_and_play_exists() throws Exception {
        TestData account = plays().savePlayStarted(() -> TestData.account("Why Wallaby", Segment.HIGH_TOUCH)
                .contact(ContactRole.EXEC_SPONSOR).usage("core", 56, 29, 100).usage("core", 28, 0, 40)
                .ticket(TicketPriority.P2, TicketStatus.OPEN, 3).nps(8, 5));
        String csm = account.account().csm();

        String html = get("/accounts/" + account.id(), csm);

        // Contacts with their roles and whether they can be written to.
        assertThat(html).contains("id=\"contacts\"", "champion@" + account.id() + ".test", "exec_sponsor@" + account.id() + ".test",
                ">champion<", ">exec sponsor<", ">active<");
        // The chart: scores up the side, dates along the bottom, a key naming each line.
        assertThat(html).contains("id=\"health-trend-y\"", ">100</text>", ">0</text>", "id=\"health-trend-x\"", "id=\"health-legend\"");
        assertThat(html).containsPattern(">\\d{1,2} [A-Z][a-z]{2}</text>");
        // A pending step reads as its task will: the account's name filled in, no template text.
        assertThat(html).contains("Follow up on the usage drop at Why Wallaby").doesNotContain("[[$", "${account");
        // The open task and the play each say why: rule, version, file and line, matched facts, signals behind them.
        Task task = inbox.list(new TaskQuery(null, account.id(), TaskStatus.OPEN, null, 5)).get(0);
        long runId = plays.list(account.id(), RunStatus.RUNNING, 5).get(0).id();
        assertThat(html).contains("id=\"account-task-" + task.id() + "\"", "id=\"why-task-" + task.id() + "\"",
                "id=\"why-play-" + runId + "\"", "Core usage", "churn/thresholds.csv", "usageTrend", "last7Days");
        String why = section(html, "why-play-" + runId);
        assertThat(why).contains("class=\"why-version\"", "(active)", "Usage of core on ");
        assertThat(why).doesNotContain("NPS answer", "Ticket T-");
        // The inbox's "Why?" of the task opens that panel, and no other.
        String fromTheInbox = get("/accounts/" + account.id() + "?why=task-" + task.id(), csm);
        assertThat(fromTheInbox).contains("id=\"why-task-" + task.id() + "\" open").doesNotContain("id=\"why-play-" + runId + "\" open");
        assertThat(html).doesNotContain("id=\"why-task-" + task.id() + "\" open");
    }

    /**
     * A score is stored at every evaluation, and an account whose signals come one by one (a tracking stream) is
     * evaluated many times a day: the 90-day trend still reaches back 90 days, one score a day (the day's last, as
     * {@code GET /api/accounts/<id>/health} gives them), not the latest scores whatever days they cover.
     */
    @Test
    void the_trend_of_an_account_evaluated_thirty_times_a_day_covers_ninety_days_one_score_a_day() throws Exception {
        TestData account = TestData.account("Busy Trend Bison", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        // 30 scores a day for the 90 days before now: 12 beyond 70 days (past the latest 2,000 scores), 17 from 45 days, 83 after.
        jdbc.sql("""
                        INSERT INTO health_score (account_id, score, band, previous, components, computed_at, model_version)
                        SELECT ?, CASE WHEN g >= 70 * 30 THEN 12 WHEN g >= 45 * 30 THEN 17 ELSE 83 END, 'AVERAGE', 50, '[]'::jsonb,
                               CAST(? AS timestamptz) - g * interval '48 minutes', 'test'
                        FROM generate_series(1, 90 * 30 - 1) g""")
                .params(account.id(), java.sql.Timestamp.from(TestClock.now())).update();

        String html = get("/accounts/" + account.id(), account.account().csm());

        String table = html.substring(html.indexOf("id=\"health-history\""), html.indexOf("</table>", html.indexOf("id=\"health-history\"")));
        assertThat(count(table, "<tr") - 1).as("one row a day over 90 days").isBetween(89, 91);
        assertThat(table).as("the older half of the 90 days is shown").contains(">17</td>");
        assertThat(table).as("the days beyond the latest 2,000 scores are shown").contains(">12</td>");
    }

    @Test
    void the_timeline_has_the_accounts_signals_paged_and_filtered_by_kind() throws Exception {
        TestData account = TestData.account("Timeline Tapir", Segment.LOW_TOUCH).usage("core", 59, 0, 10)
                .ticket(TicketPriority.P1, TicketStatus.OPEN, 2).billing(BillingEvent.INVOICE_PAID, 4).nps(9, 6).csat(5, 8);
        intake.accept(account.batch());
        String csm = account.account().csm();

        String first = get("/accounts/" + account.id(), csm);
        String second = get("/accounts/" + account.id() + "?page=2", csm);
        String nps = get("/accounts/" + account.id() + "?kind=nps", csm);
        String signals = get("/accounts/" + account.id() + "?kind=signals", csm);
        String wrong = get("/accounts/" + account.id() + "?kind=weather", csm);

        assertThat(first).contains("data-type=\"signal.ticket\"", "Ticket T-", "(p1 priority)", "data-type=\"signal.billing\"",
                "Billing: invoice paid, 2000 USD", "data-type=\"signal.nps\"", "NPS answer 9 of 10", "data-type=\"signal.csat\"",
                "data-type=\"signal.usage\"", "Usage of core on ", "id=\"timeline-next\"").doesNotContain("id=\"timeline-previous\"");
        assertThat(count(first, "<li ")).isGreaterThanOrEqualTo(50);
        assertThat(second).contains("id=\"timeline-previous\"", "data-type=\"signal.usage\"");
        assertThat(nps).contains("data-type=\"signal.nps\"").doesNotContain("data-type=\"signal.usage\"", "data-type=\"signal.ticket\"");
        assertThat(signals).contains("data-type=\"signal.usage\"").doesNotContain("data-type=\"play.");
        assertThat(wrong).contains("id=\"problem\"", "kind: &#39;weather&#39; is not one of usage, ticket");
    }

    @Test
    void a_csm_reads_their_own_book_searched_sorted_and_paged_and_the_renewals_coming_up() throws Exception {
        String csm = "book.keeper@tenure.test";
        TestData small = TestData.account("Book Small Sloth", Segment.LOW_TOUCH).csm(csm).arr(BigDecimal.valueOf(5_000)).renewsInDays(30)
                .usage("core", 3, 1, 10);
        TestData large = TestData.account("Book Large Llama", Segment.HIGH_TOUCH).csm(csm).arr(BigDecimal.valueOf(90_000)).renewsInDays(200);
        TestData theirs = TestData.account("Book Other Otter", Segment.LOW_TOUCH).renewsInDays(10);
        List.of(small, large, theirs).forEach(a -> intake.accept(a.batch()));

        String book = get("/accounts", csm);
        String byArr = get("/accounts?sort=arr", csm);
        String byArrAscending = get("/accounts?sort=arr&dir=asc", csm);
        String searched = get("/accounts?q=llama", csm);
        String byId = get("/accounts?q=" + small.id().substring(0, small.id().length() - 3), csm);
        String renewals = get("/accounts?view=renewals", csm);

        assertThat(book).contains("My accounts", "id=\"book-" + small.id() + "\"", "id=\"book-" + large.id() + "\"", "Accounts 1–2 of 2.",
                "id=\"nav-accounts\"").doesNotContain("Book Other Otter", "id=\"book-csm\"");
        assertThat(book.indexOf("Book Large Llama")).isLessThan(book.indexOf("Book Small Sloth"));
        assertThat(byArr.indexOf("Book Large Llama")).isLessThan(byArr.indexOf("Book Small Sloth"));
        assertThat(byArr).contains("aria-sort=\"descending\"", "href=\"/accounts?sort=arr&amp;dir=asc\"");
        assertThat(byArrAscending.indexOf("Book Small Sloth")).isLessThan(byArrAscending.indexOf("Book Large Llama"));
        assertThat(searched).contains("Book Large Llama").doesNotContain("Book Small Sloth");
        assertThat(byId).contains("Book Small Sloth").doesNotContain("Book Large Llama");
        assertThat(renewals).contains("Renewals in the next 120 days", "Book Small Sloth", "in 30 days", TestClock.today().plusDays(30).toString())
                .doesNotContain("Book Large Llama");
        // Last activity: the latest day of usage for the one that sent some, "never" for the other.
        assertThat(section(book, "book-" + large.id())).contains("never");
        assertThat(section(book, "book-" + small.id())).doesNotContain("never");

        page(MockMvcRequestBuilders.get("/accounts").param("csm", theirs.account().csm()).with(signedIn(csm)), 403);
        page(MockMvcRequestBuilders.get("/accounts/team/overdue").with(signedIn(csm)), 403);
    }

    @Test
    void a_book_pages_by_25() throws Exception {
        String csm = "book.pager@tenure.test";
        for (int i = 0; i < 27; i++) {
            intake.accept(TestData.account(String.format("Pager %02d", i), Segment.TECH_TOUCH).csm(csm).batch());
        }

        String first = get("/accounts", csm);
        String second = get("/accounts?page=2", csm);

        assertThat(first).contains("Accounts 1–25 of 27.", "Pager 00", "Pager 24", "id=\"book-next\"").doesNotContain("Pager 25", "id=\"book-previous\"");
        assertThat(second).contains("Accounts 26–27 of 27.", "Pager 25", "Pager 26", "id=\"book-previous\"").doesNotContain("Pager 24", "id=\"book-next\"");
    }

    @Test
    void cs_ops_pick_any_csms_book_or_the_whole_team_and_see_everyones_overdue_tasks() throws Exception {
        TestData one = TestData.account("Team Tern", Segment.HIGH_TOUCH).nps(2, 0);
        TestData two = TestData.account("Team Toad", Segment.HIGH_TOUCH).renewsInDays(60);
        List.of(one, two).forEach(a -> intake.accept(a.batch()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !inbox.list(new TaskQuery(null, one.id(), null, null, 5)).isEmpty());
        Task task = inbox.list(new TaskQuery(null, one.id(), null, null, 5)).get(0);
        new TaskFixtures(jdbc).made(task.id(), "HIGH", TestClock.now().minus(Duration.ofDays(3)));

        String team = page(MockMvcRequestBuilders.get("/accounts").param("q", "Team T").with(signedIn(OPS, "CS_OPS")), 200);
        String onlyOne = page(MockMvcRequestBuilders.get("/accounts").param("q", "Team T").param("csm", one.account().csm())
                .with(signedIn(OPS, "CS_OPS")), 200);
        String overdue = get("/accounts/team/overdue", OPS, "CS_OPS");

        assertThat(team).contains("The team’s accounts", "id=\"book-csm\"", "Team Tern", "Team Toad", one.account().csm(), "1 overdue",
                "id=\"view-overdue\"");
        assertThat(onlyOne).contains("Accounts of " + one.account().csm(), "Team Tern").doesNotContain("Team Toad");
        assertThat(overdue).contains("id=\"overdue-task-" + task.id() + "\"", "Team Tern", "overdue by 3 days",
                "data-owner=\"" + task.owner() + "\"");
    }

    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isPositive();
        Matcher end = Pattern.compile("</details>|</tr>").matcher(html);
        return end.find(start) ? html.substring(start, end.end()) : html.substring(start);
    }

    private static int count(String html, String what) {
        return html.split(Pattern.quote(what), -1).length - 1;
    }
}
