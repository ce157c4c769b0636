package dev.tenure.api;

import dev.tenure.api.people.Role;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.testing.TaskFixtures;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CSM's accounts and one account, in a real browser (headless Chromium) against the whole application:
 * the book searched, sorted and narrowed to renewals, an account's contacts, chart, why a task exists and the
 * timeline of its signals; CS ops picking a CSM's book and the team's overdue tasks; all of it at phone
 * width without sideways scrolling. Skipped, saying why, where Chromium is not installed.
 */
class AccountsInTheBrowserTest extends ApiIntegrationTest {

    private static HeadlessChromium chromium;

    @Autowired
    Inbox inbox;
    @Autowired
    JdbcClient jdbc;

    private final String csm = "book-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startFor(AccountsInTheBrowserTest.class);
    }

    @BeforeEach
    void needsChromium() {
        HeadlessChromium.assumeRunning(chromium);
        chromium.viewport(HeadlessChromium.LAPTOP);
        chromium.policyViolations();
    }

    @AfterAll
    static void quitChromium() throws IOException {
        HeadlessChromium.quit(chromium);
    }

    /** Two accounts of the CSM: a detractor's (a call-back task, overdue by two days) renewing in 300 days, and a smaller one renewing in 45. */
    private List<TestData> book() {
        TestData detractor = TestData.account("Browser Bison " + csm.substring(5, 13), Segment.HIGH_TOUCH).csm(csm)
                .arr(BigDecimal.valueOf(120_000)).renewsInDays(300).contact(ContactRole.EXEC_SPONSOR)
                .usage("core", 59, 0, 30).ticket(TicketPriority.P2, TicketStatus.OPEN, 4).nps(3, 1);
        TestData renewing = TestData.account("Browser Beaver " + csm.substring(5, 13), Segment.LOW_TOUCH).csm(csm)
                .arr(BigDecimal.valueOf(80_000)).renewsInDays(45);
        intake.accept(detractor.batch());
        intake.accept(renewing.batch());
        await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.list(new TaskQuery(null, detractor.id(), null, null, 5)).isEmpty());
        Task task = inbox.list(new TaskQuery(null, detractor.id(), null, null, 5)).get(0);
        new TaskFixtures(jdbc).made(task.id(), "HIGH", TestClock.now().minus(Duration.ofDays(2)));
        return List.of(detractor, renewing);
    }

    @Test
    void a_csm_finds_an_account_in_their_book_and_reads_why_its_task_exists_and_what_the_account_sent() {
        List<TestData> accounts = book();
        TestData detractor = accounts.get(0);
        TestData renewing = accounts.get(1);
        signIn(csm, Role.CSM);

        browser().findElement(By.id("nav-accounts")).click();
        waitFor().until(ExpectedConditions.titleIs("My accounts · Tenure"));
        assertThat(rows()).as("by name").containsExactly(renewing.id(), detractor.id());
        browser().findElement(By.id("sort-arr")).click();
        waitFor().until(ExpectedConditions.urlContains("sort=arr"));
        assertThat(rows()).as("the largest ARR first").containsExactly(detractor.id(), renewing.id());
        assertThat(browser().findElement(By.cssSelector("#book-" + detractor.id() + " .book-tasks")).getText()).contains("1 overdue");

        browser().findElement(By.id("view-renewals")).click();
        waitFor().until(ExpectedConditions.titleIs("Renewals · Tenure"));
        assertThat(rows()).containsExactly(renewing.id());
        assertThat(browser().findElement(By.cssSelector("#book-" + renewing.id() + " .book-renewal")).getText()).contains("in 45 days");

        browser().findElement(By.id("view-book")).click();
        browser().findElement(By.id("book-search")).sendKeys("bison");
        browser().findElement(By.id("book-apply")).click();
        waitFor().until(ExpectedConditions.urlContains("q=bison"));
        assertThat(rows()).containsExactly(detractor.id());
        browser().findElement(By.linkText(detractor.account().name())).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("account-name"), detractor.account().name()));

        assertThat(browser().findElement(By.id("contacts")).getText()).contains("champion", "exec sponsor", "active");
        assertThat(browser().findElements(By.cssSelector("#health-trend-x text"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(browser().findElement(By.id("health-legend")).getText()).contains("Health score");
        WebElement taskRow = browser().findElement(By.cssSelector("#account-tasks tbody tr"));
        assertThat(taskRow.getText()).contains("gave NPS 3: call back", "overdue by 2 days");
        taskRow.findElement(By.cssSelector(".why summary")).click();
        WebElement why = taskRow.findElement(By.cssSelector(".why details"));
        assertThat(why.findElement(By.cssSelector(".why-rule")).getText()).isNotBlank();
        assertThat(why.findElement(By.cssSelector(".why-file")).getText()).matches("churn/nps-detractor\\.drl:\\d+");
        assertThat(why.getText()).contains("npsSignal", "NPS answer 3 of 10");

        new Select(browser().findElement(By.id("timeline-kind"))).selectByValue("ticket");
        browser().findElement(By.id("timeline-apply")).click();
        waitFor().until(ExpectedConditions.urlContains("kind=ticket"));
        List<WebElement> entries = browser().findElements(By.cssSelector("#timeline li"));
        assertThat(entries).isNotEmpty().allSatisfy(e -> assertThat(e.getAttribute("data-kind")).isEqualTo("ticket"));
        new Select(browser().findElement(By.id("timeline-kind"))).selectByValue("");
        browser().findElement(By.id("timeline-apply")).click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("timeline-next"))).click();
        waitFor().until(ExpectedConditions.urlContains("page=2"));
        assertThat(browser().findElement(By.id("timeline-previous")).isDisplayed()).isTrue();
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void cs_ops_pick_a_csms_book_and_see_the_teams_overdue_tasks() {
        List<TestData> accounts = book();
        String ops = "ops-" + csm;
        signIn(ops, Role.CS_OPS);

        browser().get(url("/accounts"));
        new Select(browser().findElement(By.id("book-csm"))).selectByValue(csm);
        browser().findElement(By.id("book-apply")).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("book-heading"), "Accounts of " + csm));
        assertThat(rows()).containsExactlyInAnyOrder(accounts.get(0).id(), accounts.get(1).id());

        browser().findElement(By.id("view-overdue")).click();
        waitFor().until(ExpectedConditions.titleIs("The team’s overdue tasks · Tenure"));
        WebElement mine = browser().findElement(By.cssSelector("#overdue-by-owner tr[data-owner='" + csm + "']"));
        assertThat(mine.getText()).contains(csm, "1");
        assertThat(browser().findElement(By.id("overdue-tasks")).getText()).contains(accounts.get(0).account().name(), "overdue by 2 days");
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void at_phone_width_the_book_the_account_and_the_overdue_tasks_fit_the_screen() {
        TestData detractor = book().get(0);
        // The CSM picker lists every CSM: a long address must not widen the page.
        intake.accept(TestData.account("Phone Long Address", Segment.LOW_TOUCH)
                .csm("a.customer.success.manager.with.a.long.name-" + csm).batch());
        signIn("ops-phone-" + csm, Role.CS_OPS);
        chromium.viewport(HeadlessChromium.PHONE);

        for (String path : new String[]{"/accounts", "/accounts?view=renewals", "/accounts/" + detractor.id(),
                "/accounts/" + detractor.id() + "?kind=signals", "/accounts/team/overdue"}) {
            browser().get(url(path));
            browser().findElements(By.cssSelector(".why summary")).forEach(WebElement::click);
            assertThat(browser().findElement(By.id("sign-out")).isDisplayed()).as(path).isTrue();
            assertThat(chromium.overflow()).as(path + ": no sideways scroll; wider than the screen: " + chromium.widerThanTheScreen())
                    .isLessThanOrEqualTo(0);
        }
        assertThat(chromium.policyViolations()).isEmpty();
    }

    /** The account ids of the book's rows, in order. */
    private List<String> rows() {
        return browser().findElements(By.cssSelector("#book tbody tr")).stream().map(r -> r.getAttribute("data-account-id")).toList();
    }

    private void signIn(String email, Role... roles) {
        ensurePerson(email, roles);
        chromium.signIn(url(""), email, PASSWORD);
    }

    private ChromeDriver browser() {
        return chromium.driver;
    }

    private WebDriverWait waitFor() {
        return chromium.waitFor();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
