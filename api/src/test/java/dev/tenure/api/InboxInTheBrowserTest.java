package dev.tenure.api;

import dev.tenure.api.people.Role;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.testing.InboxFixtures;
import dev.tenure.engine.testing.TaskFixtures;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSM works the inbox in a real browser (headless Chromium) against the whole application on its port:
 * signing in through the login form, a webhook signal becoming a task, completing it, the account's timeline.
 * Skipped, saying why, where Chromium is not installed.
 */
class InboxInTheBrowserTest extends ApiIntegrationTest {

    private static HeadlessChromium chromium;

    @Autowired
    Inbox inbox;
    @Autowired
    JdbcClient jdbc;
    private TaskFixtures fixtures;
    private InboxFixtures tasks;

    private final String csm = "csm-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startFor(InboxInTheBrowserTest.class);
    }

    /** Each test reports itself skipped, and why, rather than the class vanishing from the report. */
    @BeforeEach
    void needsChromium() {
        HeadlessChromium.assumeRunning(chromium);
        fixtures = new TaskFixtures(jdbc);
        tasks = new InboxFixtures(intake, inbox, jdbc);
    }

    @AfterAll
    static void quitChromium() throws IOException {
        HeadlessChromium.quit(chromium);
    }

    @Test
    void a_csm_completes_the_task_a_webhook_signal_created_and_finds_it_on_the_accounts_timeline() {
        TestData account = TestData.account("Browser Bakery", Segment.HIGH_TOUCH).csm(csm);
        intake.accept(account.batch());
        signIn(csm);

        post("/api/webhooks/nps", """
                {"eventId": "nps-%s", "accountId": "%s", "occurredAt": "%s", "score": 2, "comment": "Exports keep failing",
                 "contactEmail": "champion@%s.test"}""".formatted(account.id(), account.id(), TestClock.now(), account.id()));

        // The inbox polls every 15 seconds; a reload shows the task as soon as it exists.
        WebElement row = waitFor().until(browser -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("#tasks tr.task")).stream()
                    .filter(r -> r.getText().contains("Browser Bakery")).findFirst().orElse(null);
        });
        String taskId = row.getAttribute("data-task-id");
        assertThat(row.getText()).contains("gave NPS 2: call back", "High");

        browser().findElement(By.id("complete-" + taskId)).click();
        browser().findElement(By.cssSelector("label[for='outcome-" + taskId + "-SAVED']")).click();
        browser().findElement(By.id("note-" + taskId)).sendKeys("Called the champion: exports fixed on Friday");
        browser().findElement(By.id("complete-submit-" + taskId)).click();

        assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
                .startsWith("Completed").endsWith("(Saved).");
        assertThat(browser().findElements(By.id("task-" + taskId))).isEmpty();

        browser().findElement(By.linkText("Inbox")).click();
        assertThat(browser().findElements(By.id("task-" + taskId))).isEmpty();

        browser().get(url("/accounts/" + account.id()));
        WebElement completed = browser().findElement(
                By.cssSelector("#timeline li[data-type='task.completed'][data-ref='task:" + taskId + "']"));
        assertThat(completed.getText()).contains("SAVED", "Called the champion: exports fixed on Friday");
    }

    /**
     * A CSM's morning: overdue work on top and said in days of their own zone (which their browser told),
     * a task snoozed to tomorrow morning and found among the snoozed, a completion undone, a task handed to a
     * colleague picked from the list.
     */
    @Test
    void a_csms_morning_overdue_first_in_their_zone_snooze_to_tomorrow_complete_and_undo_hand_over_from_the_picker() {
        ZoneId newYork = ZoneId.of("America/New_York");
        String colleague = "colleague-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        ensurePerson(colleague, Role.CSM);
        Task overdue = tasks.taskOf(TestData.account("Morning Overdue", Segment.HIGH_TOUCH).csm(csm).nps(2, 0));
        fixtures.made(overdue.id(), "LOW", TestClock.now().minus(Duration.ofDays(3)));
        Task soon = tasks.taskOf(TestData.account("Morning Soon", Segment.HIGH_TOUCH).csm(csm).nps(2, 0));
        Task handed = tasks.taskOf(TestData.account("Morning Handover", Segment.HIGH_TOUCH).csm(csm).nps(2, 0));
        chromium.timeZone(newYork.getId());
        try {
            signIn(csm);
            browser().get(url("/inbox"));
            // The first visit tells Tenure the browser's zone, and the page is drawn again in it.
            waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("time-zone-shown"), "America/New_York"));

            assertThat(browser().findElements(By.cssSelector("#tasks tr.task")).get(0).getAttribute("id")).isEqualTo("task-" + overdue.id());
            assertThat(browser().findElements(By.cssSelector(".task-group h2"))).extracting(WebElement::getText)
                    .containsExactly("Overdue (1)", "High priority (2)");
            assertThat(browser().findElement(By.id("overdue-" + overdue.id())).getText()).isEqualTo("Overdue by 3 days");

            browser().findElement(By.id("snooze-" + soon.id())).click();
            chromium.follow(By.id("snooze-tomorrow-" + soon.id()));
            String tomorrow = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH)
                    .format(LocalDate.ofInstant(TestClock.now(), newYork).plusDays(1));
            assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
                    .isEqualTo("Snoozed \"" + soon.title() + "\" until " + tomorrow + ", 09:00 EST.");
            chromium.follow(By.id("view-snoozed"));
            assertThat(browser().findElement(By.id("task-" + soon.id())).getText()).contains(tomorrow + ", 09:00 EST");
            chromium.follow(By.id("view-open"));

            browser().findElement(By.id("complete-" + overdue.id())).click();
            browser().findElement(By.cssSelector("label[for='outcome-" + overdue.id() + "-NO_ACTION']")).click();
            chromium.follow(By.id("complete-submit-" + overdue.id()));
            assertThat(browser().findElements(By.id("task-" + overdue.id()))).isEmpty();
            chromium.follow(By.id("undo"));
            assertThat(browser().findElement(By.id("notice")).getText()).endsWith("its completion is undone.");
            assertThat(browser().findElement(By.id("overdue-" + overdue.id())).getText()).isEqualTo("Overdue by 3 days");

            browser().findElement(By.id("reassign-" + handed.id())).click();
            new Select(browser().findElement(By.id("owner-" + handed.id()))).selectByValue(colleague);
            chromium.follow(By.id("reassign-submit-" + handed.id()));
            assertThat(browser().findElement(By.id("notice")).getText()).isEqualTo("Handed \"" + handed.title() + "\" to " + colleague + ".");
            assertThat(browser().findElements(By.id("task-" + handed.id()))).isEmpty();
            assertThat(inbox.get(handed.id()).owner()).isEqualTo(colleague);
        } finally {
            chromium.timeZone(null);
        }
    }

    @Test
    void three_alike_tasks_are_one_row_and_completing_it_completes_the_three() {
        Task current = tasks.taskOf(TestData.account("Alike Browser", Segment.HIGH_TOUCH).csm(csm).nps(2, 0));
        long stale = fixtures.duplicateOf(current.id(), TestClock.now().minus(Duration.ofDays(30)));
        long staler = fixtures.duplicateOf(current.id(), TestClock.now().minus(Duration.ofDays(60)));
        signIn(csm);
        browser().get(url("/inbox"));

        assertThat(browser().findElements(By.cssSelector("#tasks tr.task"))).hasSize(1);
        assertThat(browser().findElement(By.id("alike-" + staler)).getText()).startsWith("3 alike");
        browser().findElement(By.id("complete-" + staler)).click();
        browser().findElement(By.cssSelector("label[for='outcome-" + staler + "-SAVED']")).click();
        chromium.follow(By.id("complete-submit-" + staler));

        assertThat(browser().findElement(By.id("notice")).getText())
                .isEqualTo("Completed \"" + current.title() + "\" and 2 alike tasks (Saved).");
        assertThat(List.of(current.id(), stale, staler)).allSatisfy(id -> assertThat(inbox.get(id).status()).isEqualTo(TaskStatus.DONE));
        browser().findElement(By.id("view-done")).click();
        assertThat(browser().findElements(By.cssSelector("#done-tasks tr.task"))).hasSize(3);
    }

    /** At phone width the inbox fits the screen: nothing scrolls sideways, and an overdue task's snooze presets are in reach. */
    @Test
    void at_phone_width_the_inbox_fits_the_screen_and_an_overdue_tasks_presets_are_in_reach() {
        Task overdue = tasks.taskOf(TestData.account("Phone Overdue", Segment.HIGH_TOUCH).csm(csm).nps(2, 0));
        fixtures.made(overdue.id(), "NORMAL", TestClock.now().minus(Duration.ofDays(2)));
        signIn(csm);
        chromium.viewport(HeadlessChromium.PHONE);
        try {
            browser().get(url("/inbox"));
            browser().findElement(By.id("snooze-" + overdue.id())).click();

            assertThat(browser().findElement(By.id("overdue-" + overdue.id())).getText()).isEqualTo("Overdue by 2 days");
            assertThat((Boolean) browser().executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scroll").isTrue();
            for (String preset : List.of("tomorrow", "monday", "week")) {
                WebElement button = browser().findElement(By.id("snooze-" + preset + "-" + overdue.id()));
                assertThat(button.isDisplayed()).isTrue();
                assertThat((Boolean) browser().executeScript(
                        "var r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth", button))
                        .as(preset + " within the screen").isTrue();
            }
            assertThat(browser().findElement(By.id("view-done")).isDisplayed()).isTrue();
        } finally {
            chromium.viewport(HeadlessChromium.LAPTOP);
        }
    }

    @Test
    void a_csm_opening_another_csms_account_is_refused() {
        TestData theirs = TestData.account("Someone Elses", Segment.HIGH_TOUCH);
        intake.accept(theirs.batch());
        signIn(csm);

        browser().get(url("/accounts/" + theirs.id()));

        assertThat(browser().findElement(By.id("forbidden")).isDisplayed()).isTrue();
        assertThat(browser().getTitle()).startsWith("Not yours");
        assertThat(browser().findElements(By.cssSelector("#account-arr, #health-now, #timeline"))).isEmpty();
    }

    @Test
    void the_skip_link_comes_first_and_leads_by_keyboard_to_the_time_zone_the_views_and_the_inbox_filters() {
        signIn(csm);
        browser().get(url("/inbox"));

        browser().findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skipLink = browser().switchTo().activeElement();
        assertThat(skipLink.getText()).isEqualTo("Skip to content");

        skipLink.sendKeys(Keys.ENTER);
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            browser().switchTo().activeElement().sendKeys(Keys.TAB);
            order.add(browser().switchTo().activeElement().getAttribute("id"));
        }
        assertThat(order).containsExactly("time-zone-change", "view-open", "view-snoozed", "view-done", "filter-priority");
    }

    /**
     * Writes the README's picture of the inbox, only when asked: {@code -Dtenure.screenshot=<png>} (and
     * {@code -Dtenure.screenshot.phone=<png>} for the same inbox at phone width). A morning of a CSM with
     * several accounts: calls to return, a failed payment asked for twice, urgent tickets, one task overdue, a checklist open.
     */
    @Test
    void a_picture_of_a_csms_inbox_for_the_readme() throws IOException {
        String laptopFile = System.getProperty("tenure.screenshot");
        Assumptions.assumeTrue(laptopFile != null, "no -Dtenure.screenshot=<png> given: no picture taken");
        String owner = "dana.reyes@tenure.example";
        TestData northwind = TestData.account("Northwind Logistics", Segment.HIGH_TOUCH).csm(owner);
        Task usageDrop = tasks.taskOf(TestData.account("Umbrella Analytics", Segment.HIGH_TOUCH).csm(owner)
                .usage("core", 56, 29, 120).usage("core", 28, 1, 30));
        Task payment = tasks.taskOf(TestData.account("Globex Retail", Segment.HIGH_TOUCH).csm(owner).billing(BillingEvent.PAYMENT_FAILED, 8));
        fixtures.duplicateOf(payment.id(), payment.dueAt().minus(Duration.ofDays(35)));
        tasks.taskOf(TestData.account("Initech Health", Segment.HIGH_TOUCH).csm(owner).ticket(TicketPriority.P1, TicketStatus.OPEN, 5)
                .ticket(TicketPriority.P1, TicketStatus.OPEN, 3).ticket(TicketPriority.P2, TicketStatus.OPEN, 1));
        intake.accept(northwind.batch());
        post("/api/webhooks/nps", """
                {"eventId": "nps-%s", "accountId": "%s", "occurredAt": "%s", "score": 3,
                 "comment": "Reports take minutes to load since the upgrade", "contactEmail": "maria.chen@northwind.example"}"""
                .formatted(northwind.id(), northwind.id(), TestClock.now()));
        tasks.taskOf(northwind);
        fixtures.made(usageDrop.id(), "HIGH", TestClock.now().minus(Duration.ofDays(2)));
        signIn(owner);

        chromium.viewport(HeadlessChromium.LAPTOP);
        browser().get(url("/inbox"));
        browser().findElement(By.cssSelector("#task-" + usageDrop.id() + " details.checklist summary")).click();
        browser().executeScript("window.scrollTo(0, 0)");
        save(laptopFile);

        String phoneFile = System.getProperty("tenure.screenshot.phone");
        if (phoneFile != null) {
            chromium.viewport(HeadlessChromium.PHONE);
            browser().navigate().refresh();
            browser().executeScript("document.getElementById('bulk-form').scrollIntoView()");
            save(phoneFile);
            chromium.viewport(HeadlessChromium.LAPTOP);
        }
    }

    private void save(String file) throws IOException {
        Path target = Path.of(file).toAbsolutePath();
        Files.createDirectories(target.getParent());
        Files.write(target, browser().getScreenshotAs(OutputType.BYTES));
    }

    /** Signs in through the login form, as a person would; a session from an earlier test is signed out first. */
    private void signIn(String email) {
        ensurePerson(email, Role.CSM);
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
