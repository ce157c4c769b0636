package dev.tenure.api;

import dev.tenure.api.people.Role;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSetReload;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second "done when", walked in a real browser (headless Chromium) against the whole application:
 * CS ops run rules and plays from the browser alone. They run the scenario tests, change a rule file in the page
 * and save it as a new version in force, roll back from it, backtest a version and read its report, pause, resume and cancel a
 * play run, and replay the requests of dead letters that were refused while an account did not exist yet,
 * seeing what became of them. Skipped, saying why, where Chromium is not installed.
 */
class CsOpsWalkthroughInTheBrowserTest extends ApiIntegrationTest {

    private static HeadlessChromium chromium;

    private final String ops = "walk-ops-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @Autowired
    PlayRuns runs;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    ActiveRuleSet active;
    @Autowired
    RuleSetReload reload;

    private String starter;

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startFor(CsOpsWalkthroughInTheBrowserTest.class);
    }

    @BeforeEach
    void needsChromium() {
        HeadlessChromium.assumeRunning(chromium);
        chromium.viewport(HeadlessChromium.LAPTOP);
        chromium.policyViolations();
        starter = active.get().version();
    }

    /** The other tests share this application and expect the starter rules. */
    @AfterEach
    void backToTheStarterRules() {
        // Null when the test was skipped (no Chromium here): nothing was uploaded, and there is no version to name.
        if (starter != null) {
            reload.rollback(starter, "cleanup");
        }
    }

    @AfterAll
    static void quitChromium() throws IOException {
        HeadlessChromium.quit(chromium);
    }

    @Test
    void cs_ops_test_activate_and_roll_back_the_rules_backtest_them_control_a_play_and_replay_dead_letters() {
        ensurePerson(ops, Role.CS_OPS);
        chromium.signIn(url(""), ops, PASSWORD);

        // 1. The rule set's scenario tests, run from the rules page.
        chromium.follow(By.id("nav-rules"));
        chromium.follow(By.id("run-scenarios"));
        WebElement summary = chromium.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("scenario-summary")));
        assertThat(summary.getText()).startsWith("Passed: ").endsWith(" 0 failed");
        assertThat(browser().findElements(By.cssSelector("#scenario-results tbody tr"))).isNotEmpty()
                .allSatisfy(row -> assertThat(row.findElement(By.className("status")).getText()).isEqualTo("passed"));

        // 2. CS ops change a rule file in the page and save it as a new version; it is in force at once. They roll
        //    back to the version before it on the rules page, then put the new one in force again.
        chromium.follow(By.id("nav-rules"));
        chromium.follow(By.id("edit-link"));
        new Select(browser().findElement(By.id("file-picker"))).selectByValue("churn/nps-detractor.drl");
        chromium.follow(By.id("open-file"));
        WebElement text = browser().findElement(By.id("file-text"));
        assertThat(text.getAttribute("value")).contains("rule \"An NPS detractor answered (4 or below): call them back\"");
        browser().executeScript("arguments[0].value += arguments[1]", text, "\n// a comment from the walkthrough " + UUID.randomUUID() + "\n");
        chromium.follow(By.id("save-file"));
        assertThat(chromium.notice()).contains("with your change to churn/nps-detractor.drl is in force (it replaced " + starter + ")");
        String uploaded = active.get().version();
        assertThat(uploaded).isNotEqualTo(starter);
        assertThat(browser().findElement(By.cssSelector("#rule-set-version code")).getText()).isEqualTo(uploaded);
        assertThat(browser().findElement(By.cssSelector("#version-" + uploaded + " .status")).getText()).isEqualTo("ACTIVE");
        WebElement rollBack = browser().findElement(By.id("activate-" + starter));
        assertThat(rollBack.getText()).isEqualTo("Roll back to it");
        chromium.follow(By.id("activate-" + starter));
        assertThat(chromium.notice()).isEqualTo("Rule set " + starter + " is in force (it replaced " + uploaded + ").");
        assertThat(browser().findElement(By.cssSelector("#rule-set-version code")).getText()).isEqualTo(starter);
        assertThat(active.get().version()).isEqualTo(starter);
        chromium.follow(By.id("activate-" + uploaded));
        assertThat(chromium.notice()).isEqualTo("Rule set " + uploaded + " is in force (it replaced " + starter + ").");
        assertThat(browser().findElement(By.cssSelector("#version-" + uploaded + " .status")).getText()).isEqualTo("ACTIVE");
        assertThat(active.get().version()).isEqualTo(uploaded);

        // 3. A backtest of the version now in force, started from its row, followed until its report is there.
        chromium.follow(By.cssSelector("#version-" + uploaded + " a[href*='backtests']"));
        chromium.waitFor().until(ExpectedConditions.titleIs("Backtests · Tenure"));
        setDate("backtest-from", "2026-10-01");
        setDate("backtest-to", "2026-12-01");
        chromium.follow(By.id("backtest-start"));
        new WebDriverWait(browser(), Duration.ofSeconds(120)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.presenceOfElementLocated(By.id("backtest-churn")));
        assertThat(browser().findElement(By.cssSelector("main h1 code")).getText()).isEqualTo(uploaded);
        assertThat(browser().findElement(By.cssSelector("#backtest-status .status")).getText()).isEqualTo("DONE");
        assertThat(browser().findElement(By.id("backtest-caught")).getText()).matches("\\d+");
        assertThat(browser().findElement(By.id("backtest-rules")).getText()).contains("Plays started");

        // 4. A running play paused, resumed, then cancelled, found on the play runs page by its account's name.
        PlayRunView run = plays().runningPlay("Walk Wapiti " + UUID.randomUUID().toString().substring(0, 4));
        chromium.follow(By.id("nav-plays"));
        chromium.waitFor().until(ExpectedConditions.titleIs("Play runs · Tenure"));
        search("plays-search", "walk wapiti");
        assertThat(browser().findElement(By.cssSelector("#run-" + run.id() + " td[data-label='Account'] a")).getText())
                .startsWith("Walk Wapiti");
        playControl("pause", run, "paused", "PAUSED");
        playControl("resume", run, "resumed", "RUNNING");
        playControl("cancel", run, "cancelled", null);
        assertThat(browser().findElements(By.id("run-" + run.id()))).as("only running and paused runs by default").isEmpty();
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);

        // 5. Signals for an account the CRM had not sent yet were refused; once it exists, CS ops replay the
        //    requests together and see each all replayed.
        TestData late = TestData.account("Walk Warbler", Segment.HIGH_TOUCH);
        assertThat(post("/api/webhooks/nps", nps(late, "a", 9)).getStatusCode().value()).isEqualTo(400);
        assertThat(post("/api/webhooks/nps", "[" + nps(late, "b", 8) + "," + nps(late, "c", 10) + "]").getStatusCode().value())
                .isEqualTo(400);
        List<Long> requests = deadLetters.latest("webhook", 50).stream().filter(d -> d.record().contains(late.id()))
                .map(DeadLetter::requestId).distinct().toList();
        assertThat(requests).hasSize(2);
        intake.accept(late.batch());
        chromium.follow(By.id("nav-dead-letters"));
        search("dead-letters-search", late.id());
        for (long request : requests) {
            assertThat(browser().findElement(By.id("waiting-" + request)).getText()).isEqualTo("1");
            chromium.click(By.id("choose-" + request));
        }
        chromium.follow(By.id("replay-chosen"));
        assertThat(chromium.notice()).isEqualTo("Replayed 2 dead letters of 2 requests (3 records accepted).");
        assertThat(browser().getCurrentUrl()).as("back on the same search").contains("q=" + late.id());
        for (long request : requests) {
            assertThat(browser().findElement(By.id("waiting-" + request)).getText()).isEqualTo("all replayed");
            assertThat(browser().findElement(By.id("request-" + request)).getText()).contains("Replayed ");
        }
        assertThat(get("/api/accounts/" + late.id() + "/timeline?kind=nps").path("items")).as("the replayed answers are the account's").hasSize(3);

        assertThat(chromium.policyViolations()).as("nothing refused by the Content-Security-Policy").isEmpty();
    }

    /** Presses a run's button; the page it leads to says what was done, on the same search. */
    private void playControl(String button, PlayRunView run, String done, String status) {
        chromium.follow(By.id(button + "-" + run.id()));
        assertThat(chromium.notice()).endsWith(" " + done + ".");
        assertThat(browser().getCurrentUrl()).as("back on the same search").contains("q=walk");
        if (status != null) {
            assertThat(browser().findElement(By.id("run-status-" + run.id())).getText()).isEqualTo(status);
        }
    }

    private static String nps(TestData account, String event, int score) {
        return "{\"eventId\":\"" + account.id() + "-" + event + "\",\"accountId\":\"" + account.id()
                + "\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"score\":" + score + "}";
    }

    /** A date field set by script: what typing into Chromium's date field means depends on the locale's order. */
    private void setDate(String id, String isoDate) {
        browser().executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, isoDate);
    }

    /** Types into a table's search field and presses Enter: the page found replaces this one. */
    private void search(String field, String text) {
        chromium.enter(By.id(field), text);
    }

    private ChromeDriver browser() {
        return chromium.driver;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
