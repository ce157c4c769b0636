package dev.tenure.api;

import dev.tenure.api.people.People;
import dev.tenure.api.people.Role;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.testing.InboxFixtures;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first "done when", walked in a real browser (headless Chromium) against the whole application:
 * a CSM runs a morning from the browser alone. What is overdue comes first and says by how long; why a task
 * exists (the rule, its version, file and line, the facts it matched, the signals behind them); what changed at
 * the account (its timeline with signals, filtered by kind, paged); a task handed over from the picker, one
 * snoozed with a preset, one completed and the completion undone. The same morning at a laptop's width and at
 * a phone's. Skipped, saying why, where Chromium is not installed.
 */
class CsmMorningWalkthroughInTheBrowserTest extends ApiIntegrationTest {

    private static HeadlessChromium chromium;

    @Autowired
    Inbox inbox;
    @Autowired
    PlayRuns runs;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startFor(CsmMorningWalkthroughInTheBrowserTest.class);
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

    @Test
    void a_csms_morning_at_a_laptop() {
        aMorning(HeadlessChromium.LAPTOP);
    }

    @Test
    void a_csms_morning_on_a_phone() {
        aMorning(HeadlessChromium.PHONE);
    }

    /** The CSM's book: usage that fell at one account, a detractor at another, a third account to hand over. */
    private record Book(String csm, String colleague, TestData dropping, Task overdue, Task detractor, Task toHandOver) {
    }

    private Book aBook(String tag) {
        String csm = "walk-" + tag + "@tenure.test";
        String colleague = "walk-colleague-" + tag + "@tenure.test";
        ensurePerson(csm, Role.CSM);
        // A colleague with a long name: the hand-over list is as wide as its longest option.
        people.create(new People.NewPerson(colleague, "Alexandria Montgomery-Fitzwilliam", PASSWORD, Set.of(Role.CSM)));
        InboxFixtures fixtures = new InboxFixtures(intake, inbox, jdbc);
        // Eight weeks of daily usage that fell by more than half, a ticket and an NPS answer: the usage rule starts
        // the save play, and the timeline has more than a page of signals of several kinds.
        TestData dropping = plays().savePlayStarted(() -> TestData.account("Walk Wombat " + tag, Segment.HIGH_TOUCH).csm(csm)
                .contact(ContactRole.EXEC_SPONSOR).usage("core", 56, 29, 100).usage("core", 28, 0, 40)
                .ticket(TicketPriority.P2, TicketStatus.OPEN, 3).nps(8, 5));
        Task usageTask = inbox.list(new TaskQuery(null, dropping.id(), TaskStatus.OPEN, null, 5)).get(0);
        // Its follow-up was due three days ago and is still open, below a high-priority task due later.
        Task overdue = fixtures.made(usageTask, "LOW", TestClock.now().minus(Duration.ofDays(3)));
        Task detractor = fixtures.detractorTask(csm, "Walk Walrus " + tag);
        Task toHandOver = fixtures.detractorTask(csm, "Walk Weasel " + tag);
        return new Book(csm, colleague, dropping, overdue, detractor, toHandOver);
    }

    private void aMorning(Dimension size) {
        Book book = aBook(UUID.randomUUID().toString().substring(0, 8));
        chromium.signIn(url(""), book.csm(), PASSWORD);
        chromium.viewport(size);
        String at = " at " + size.width + " px";

        // 1. What is overdue comes first, and says by how long.
        browser().get(url("/inbox"));
        assertThat(browser().findElements(By.cssSelector("#tasks tr.task")).get(0).getAttribute("id"))
                .as("the overdue task first" + at).isEqualTo("task-" + book.overdue().id());
        assertThat(browser().findElements(By.cssSelector(".task-group h2")).get(0).getText()).isEqualTo("Overdue (1)");
        assertThat(browser().findElement(By.id("overdue-" + book.overdue().id())).getText()).isEqualTo("Overdue by 3 days");
        assertFits("/inbox" + at);

        // 2. Why the task exists: from the task to the rule, its version, file and line, the facts and the signals.
        Why why = runs.find(book.overdue().runId()).orElseThrow().why();
        chromium.follow(By.id("why-link-" + book.overdue().id()));
        chromium.waitFor().until(ExpectedConditions.titleContains(book.dropping().account().name()));
        WebElement panel = browser().findElement(By.id("why-task-" + book.overdue().id()));
        assertThat(panel.getAttribute("open")).as("the task's why is open on arrival" + at).isNotNull();
        assertThat(panel.findElement(By.className("why-rule")).getText()).isEqualTo(why.rule());
        assertThat(panel.findElement(By.className("why-version")).getText()).startsWith(why.ruleSetVersion()).endsWith("(active)");
        assertThat(panel.findElement(By.className("why-file")).getText()).matches("[a-z/-]+\\.(drl|csv):\\d+");
        assertThat(panel.findElement(By.className("why-facts")).getText()).contains("usageTrend");
        assertThat(panel.findElements(By.cssSelector(".why-signals li"))).isNotEmpty()
                .allSatisfy(signal -> assertThat(signal.getText()).contains("Usage of core on "));
        assertThat(isVisible(panel.findElement(By.className("why-rule")))).as("the why panel is on the screen" + at).isTrue();
        assertFits("the account page" + at);

        // 3. What changed at the account: the timeline has its signals, a page at a time, and filters by kind.
        assertThat(browser().findElements(By.cssSelector("#timeline li.signal"))).as("signals on the timeline").isNotEmpty();
        assertThat(browser().findElements(By.cssSelector("#timeline li"))).hasSize(50);
        chromium.follow(By.id("timeline-next"));
        chromium.waitFor().until(ExpectedConditions.urlContains("page=2"));
        assertThat(browser().findElement(By.id("timeline-page")).getText()).isEqualTo("Page 2");
        assertThat(browser().findElements(By.cssSelector("#timeline li[data-type='signal.usage']"))).isNotEmpty();
        new Select(browser().findElement(By.id("timeline-kind"))).selectByValue("ticket");
        chromium.follow(By.id("timeline-apply"));
        chromium.waitFor().until(ExpectedConditions.urlContains("kind=ticket"));
        List<WebElement> tickets = browser().findElements(By.cssSelector("#timeline li"));
        assertThat(tickets).isNotEmpty().allSatisfy(entry -> assertThat(entry.getAttribute("data-type")).isEqualTo("signal.ticket"));
        assertThat(tickets.get(0).getText()).contains("Ticket T-", "(p2 priority)");
        assertThat(browser().findElements(By.id("timeline-previous"))).as("a filter starts at the first page").isEmpty();
        assertFits("the filtered timeline" + at);

        // 4. Hand a task over to a colleague picked from the list.
        chromium.follow(By.id("nav-inbox"));
        chromium.click(By.id("reassign-" + book.toHandOver().id()));
        new Select(browser().findElement(By.id("owner-" + book.toHandOver().id()))).selectByValue(book.colleague());
        chromium.follow(By.id("reassign-submit-" + book.toHandOver().id()));
        assertThat(chromium.notice()).isEqualTo("Handed \"" + book.toHandOver().title() + "\" to " + book.colleague() + ".");
        assertThat(browser().findElements(By.id("task-" + book.toHandOver().id()))).isEmpty();
        assertThat(inbox.get(book.toHandOver().id()).owner()).isEqualTo(book.colleague());

        // 5. Snooze a task to tomorrow morning with a preset; it waits among the snoozed.
        chromium.click(By.id("snooze-" + book.detractor().id()));
        chromium.follow(By.id("snooze-tomorrow-" + book.detractor().id()));
        assertThat(chromium.notice()).startsWith("Snoozed \"" + book.detractor().title() + "\" until ").contains("09:00");
        assertThat(browser().findElements(By.id("task-" + book.detractor().id()))).isEmpty();
        chromium.follow(By.id("view-snoozed"));
        assertThat(browser().findElement(By.id("task-" + book.detractor().id())).getText()).contains("09:00");
        chromium.follow(By.id("view-open"));

        // 6. Complete the overdue task, then take the completion back: it is open and overdue again.
        chromium.click(By.id("complete-" + book.overdue().id()));
        chromium.click(By.cssSelector("label[for='outcome-" + book.overdue().id() + "-NO_ACTION']"));
        chromium.follow(By.id("complete-submit-" + book.overdue().id()));
        assertThat(chromium.notice()).startsWith("Completed \"" + book.overdue().title() + "\"");
        assertThat(browser().findElements(By.id("task-" + book.overdue().id()))).isEmpty();
        assertThat(inbox.get(book.overdue().id()).status()).isEqualTo(TaskStatus.DONE);
        chromium.follow(By.id("undo"));
        assertThat(chromium.notice()).endsWith("its completion is undone.");
        assertThat(browser().findElement(By.id("overdue-" + book.overdue().id())).getText()).isEqualTo("Overdue by 3 days");
        assertThat(inbox.get(book.overdue().id()).status()).isEqualTo(TaskStatus.OPEN);
        assertFits("/inbox after the morning" + at);

        assertThat(chromium.policyViolations()).as("nothing refused by the Content-Security-Policy").isEmpty();
    }

    private boolean isVisible(WebElement element) {
        browser().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        return (Boolean) browser().executeScript("var r = arguments[0].getBoundingClientRect();"
                + " return r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth", element);
    }

    private void assertFits(String what) {
        assertThat(chromium.overflow()).as(what + ": no sideways scroll; wider than the screen: " + chromium.widerThanTheScreen())
                .isLessThanOrEqualTo(0);
    }

    private ChromeDriver browser() {
        return chromium.driver;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
