package dev.tenure.api;

import dev.tenure.api.people.Role;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CS ops run rules and plays from the browser alone, in headless Chromium against the whole application:
 * find a play run and pause or cancel it, replay a request of dead letters, run the scenario tests, a dry
 * run and a backtest, read an email and preview a template, scroll the revenue table with the keyboard;
 * and every ops page at phone width, with nothing refused by the Content-Security-Policy. Skipped, saying
 * why, where Chromium is not installed.
 */
class OpsInTheBrowserTest extends ApiIntegrationTest {

    private static HeadlessChromium chromium;

    private final String ops = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @Autowired
    PlayRuns runs;
    @Autowired
    Clock clock;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    ActiveRuleSet active;

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startFor(OpsInTheBrowserTest.class);
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
    void cs_ops_find_a_play_run_by_its_account_name_pause_it_then_cancel_it() {
        PlayRunView run = plays().runningPlay("Browser Badger " + UUID.randomUUID().toString().substring(0, 4));
        signIn(ops, Role.CS_OPS);

        browser().findElement(By.id("nav-plays")).click();
        waitFor().until(ExpectedConditions.titleIs("Play runs · Tenure"));
        browser().findElement(By.id("plays-search")).sendKeys("browser badger", Keys.ENTER);
        waitFor().until(ExpectedConditions.urlContains("q=browser"));
        browser().findElement(By.id("sort-account")).click();
        waitFor().until(ExpectedConditions.urlContains("sort=account"));
        WebElement row = browser().findElement(By.id("run-" + run.id()));
        assertThat(row.findElement(By.cssSelector("td[data-label='Account'] a")).getText()).startsWith("Browser Badger");

        browser().findElement(By.id("pause-" + run.id())).click();
        assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText()).endsWith(" paused.");
        assertThat(browser().getCurrentUrl()).contains("q=browser", "sort=account");
        assertThat(browser().findElement(By.id("run-status-" + run.id())).getText()).isEqualTo("PAUSED");

        WebElement pausedNotice = browser().findElement(By.id("notice"));
        browser().findElement(By.id("cancel-" + run.id())).click();
        // The pause's notice is on screen until the page after the cancel replaces it: wait for that page first.
        waitFor().ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(pausedNotice));
        assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText()).endsWith(" cancelled.");
        assertThat(browser().findElements(By.id("run-" + run.id()))).as("only running and paused runs by default").isEmpty();
        browser().findElement(By.id("status-cancelled")).click();
        waitFor().until(ExpectedConditions.urlContains("status=CANCELLED"));
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void cs_ops_replay_the_chosen_request_and_a_refused_batch_stays_a_short_row() {
        TestData late = TestData.account("Browser Beaver", Segment.HIGH_TOUCH);
        post("/api/webhooks/nps", "{\"eventId\":\"" + late.id() + "-nps\",\"accountId\":\"" + late.id()
                + "\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"score\":9}");
        DeadLetter refused = deadLetters.latest("webhook", 50).stream().filter(d -> d.record().contains(late.id()))
                .findFirst().orElseThrow();
        String huge = "{\"batch\":[" + ("{\"accountId\":\"" + late.id() + "\",\"score\":\"eleven\"},").repeat(2_000) + "{}]}";
        deadLetters.record(List.of(DeadLetter.of("webhook", "webhook/nps", null, huge, "score: 'eleven' is not a number; ".repeat(200))));
        intake.accept(late.batch());
        signIn(ops, Role.CS_OPS);

        browser().findElement(By.id("nav-dead-letters")).click();
        browser().findElement(By.id("dead-letters-search")).sendKeys(late.id(), Keys.ENTER);
        waitFor().until(ExpectedConditions.urlContains("q="));
        long hugeRequest = deadLetters.latest("webhook", 10).stream().filter(d -> d.record().equals(huge)).findFirst()
                .orElseThrow().requestId();
        Number height = (Number) browser().executeScript("return document.getElementById(arguments[0]).getBoundingClientRect().height",
                "request-" + hugeRequest);
        assertThat(height.intValue()).as("a refused batch of 2,000 records is a short row until opened").isLessThan(400);
        WebElement record = browser().findElement(By.cssSelector("#request-" + hugeRequest + " details.record"));
        record.findElement(By.tagName("summary")).click();
        Number opened = (Number) browser().executeScript("return arguments[0].querySelector('pre').getBoundingClientRect().height", record);
        assertThat(opened.intValue()).as("opened, it scrolls in a box of its own").isBetween(50, 400);

        browser().findElement(By.id("choose-" + refused.requestId())).click();
        browser().findElement(By.id("replay-chosen")).click();

        assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
                .isEqualTo("Replayed 1 dead letter of 1 request (1 record accepted).");
        assertThat(browser().findElement(By.id("waiting-" + refused.requestId())).getText()).isEqualTo("all replayed");
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void cs_ops_run_the_scenario_tests_a_dry_run_and_a_backtest_from_the_rules_page() {
        TestData account = plays().dropping("Browser Bobcat");
        PlayRunView run = runs.list(account.id(), null, 5).get(0);
        signIn(ops, Role.CS_OPS);

        browser().findElement(By.id("nav-rules")).click();
        browser().findElement(By.id("run-scenarios")).click();
        assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("scenario-summary"))).getText())
                .startsWith("Passed: ");
        assertThat(browser().findElements(By.cssSelector("#scenario-results tbody tr"))).isNotEmpty();

        browser().navigate().back();
        browser().findElement(By.id("dry-run-account")).sendKeys(account.id());
        browser().findElement(By.id("dry-run-submit")).click();
        waitFor().until(ExpectedConditions.titleIs("Dry run · Tenure"));
        assertThat(browser().findElement(By.tagName("h1")).getText()).isEqualTo("Dry run for Browser Bobcat");
        assertThat(browser().findElement(By.id("dry-run-rules")).getText()).contains(run.why().rule());

        browser().get(url("/ops/rules"));
        browser().findElement(By.id("backtest-link")).click();
        waitFor().until(ExpectedConditions.titleIs("Backtests · Tenure"));
        setDate("backtest-from", "2026-10-01");
        setDate("backtest-to", "2026-12-01");
        browser().findElement(By.id("backtest-start")).click();
        // The page follows the run by itself until the report is there.
        new WebDriverWait(browser(), Duration.ofSeconds(90)).until(ExpectedConditions.presenceOfElementLocated(By.id("backtest-churn")));
        assertThat(browser().findElement(By.cssSelector("#backtest-status .status")).getText()).isEqualTo("DONE");
        assertThat(browser().findElement(By.id("backtest-rules")).getText()).contains("Plays started");
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void cs_ops_open_an_email_from_the_log_and_preview_a_template_for_an_account() {
        TestData account = TestData.account("Browser Bongo", Segment.LOW_TOUCH).contact(ContactRole.BILLING)
                .billing(BillingEvent.PAYMENT_FAILED, 8);
        intake.accept(account.batch());
        await().atMost(Duration.ofSeconds(10)).until(() -> items("/api/emails?accountId=" + account.id()).size() == 1);
        signIn(ops, Role.CS_OPS);

        browser().findElement(By.id("nav-emails")).click();
        browser().findElement(By.id("emails-search")).sendKeys("browser bongo", Keys.ENTER);
        waitFor().until(ExpectedConditions.urlContains("q="));
        browser().findElement(By.cssSelector("#emails tbody tr td[data-label='Subject'] a")).click();
        WebElement body = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("email-body")));
        assertThat(body.getText()).isNotBlank();
        assertThat(browser().findElement(By.id("email-facts")).getText()).contains("Browser Bongo");

        browser().get(url("/ops/emails"));
        new Select(browser().findElement(By.id("preview-template"))).selectByIndex(0);
        browser().findElement(By.id("preview-account")).sendKeys(account.id());
        browser().findElement(By.id("preview-submit")).click();
        waitFor().until(ExpectedConditions.titleIs("Template preview · Tenure"));
        assertThat(browser().findElement(By.id("email-body")).getText()).contains("Browser Bongo");
        assertThat(browser().getPageSource()).doesNotContain("[[${");
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void the_revenue_table_scrolls_inside_its_box_with_the_keyboard_and_few_answers_are_flagged() {
        TestData account = TestData.account("Browser Bison", Segment.HIGH_TOUCH).nps(2, 3);
        intake.accept(account.batch());
        signIn(ops, Role.CS_OPS);
        chromium.viewport(HeadlessChromium.PHONE);

        browser().get(url("/ops/metrics?csm=" + account.account().csm()));
        WebElement box = browser().findElement(By.cssSelector(".scroll[aria-labelledby='revenue-by-month-caption']"));
        box.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);

        assertThat(browser().switchTo().activeElement()).isEqualTo(box);
        // The arrow keys scroll smoothly: the box has moved once the scrolling has begun, not at once.
        waitFor().until(d -> ((Number) browser().executeScript("return arguments[0].scrollLeft", box)).intValue() > 0);
        assertThat(chromium.overflow()).as("the page itself does not scroll sideways").isLessThanOrEqualTo(0);
        assertThat(browser().findElement(By.id("whole-period-note")).getText()).startsWith("Why “Whole period” is not the sum");
        assertThat(browser().findElement(By.cssSelector("#surveys-by-month .few")).getText()).isEqualTo("few answers (1)");
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void at_phone_width_every_ops_page_fits_the_screen_and_nothing_is_refused() {
        plays().runningPlay("Browser Buffalo");
        deadLetters.record(List.of(DeadLetter.of("webhook", "webhook/nps", null, "{\"x\":\"" + "y".repeat(5_000) + "\"}",
                "z".repeat(2_000))));
        signIn(ops, Role.CS_OPS);
        chromium.viewport(HeadlessChromium.PHONE);

        for (String path : new String[]{"/ops/rules", "/ops/plays", "/ops/dead-letters", "/ops/emails", "/ops/metrics",
                "/ops/backtests", "/ops/plays/outcomes"}) {
            browser().get(url(path));
            assertThat(browser().findElement(By.id("sign-out")).isDisplayed()).as(path).isTrue();
            assertThat(chromium.overflow()).as(path + ": no sideways scroll; wider than the screen: " + chromium.widerThanTheScreen())
                    .isLessThanOrEqualTo(0);
        }
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void the_pages_ops_reach_from_the_tables_have_no_serious_accessibility_violation() throws IOException {
        AxeCore.Result loaded = AxeCore.load();
        Assumptions.assumeTrue(loaded.axe().isPresent(), loaded::whyNot);
        AxeCore axe = loaded.axe().orElseThrow();
        TestData account = TestData.account("Browser Barbel", Segment.LOW_TOUCH).contact(ContactRole.BILLING)
                .billing(BillingEvent.PAYMENT_FAILED, 8);
        intake.accept(account.batch());
        await().atMost(Duration.ofSeconds(10)).until(() -> items("/api/emails?accountId=" + account.id()).size() == 1);
        long email = items("/api/emails?accountId=" + account.id()).get(0).path("id").asLong();
        signIn(ops, Role.CS_OPS);
        List<AxeCore.Violation> found = new ArrayList<>();

        for (Dimension size : List.of(HeadlessChromium.LAPTOP, HeadlessChromium.PHONE)) {
            chromium.viewport(size);
            for (String page : List.of("/ops/backtests", "/ops/rules/dry-run?account=" + account.id(), "/ops/emails/" + email,
                    "/ops/emails/preview?template=" + active.get().templateIds().get(0) + "&account=" + account.id(),
                    "/ops/plays?status=COMPLETED&sort=account&dir=asc", "/ops/dead-letters?size=10")) {
                browser().get(url(page));
                waitFor().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
                found.addAll(axe.scan(browser(), page, size.width + "×" + size.height));
            }
            // The scenario tests' report is the answer to a form.
            browser().get(url("/ops/rules"));
            browser().findElement(By.id("run-scenarios")).click();
            waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("scenario-summary")));
            found.addAll(axe.scan(browser(), "/ops/rules/test", size.width + "×" + size.height));
        }

        assertThat(found).as(() -> found.size() + " serious or critical violations:\n"
                + found.stream().map(AxeCore.Violation::toString).collect(Collectors.joining("\n"))).isEmpty();
    }

    /** A date field set by script: what typing into Chromium's date field means depends on the locale's order. */
    private void setDate(String id, String isoDate) {
        browser().executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, isoDate);
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
