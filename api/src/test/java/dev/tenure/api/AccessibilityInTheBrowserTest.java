package dev.tenure.api;

import dev.tenure.api.people.Role;
import dev.tenure.engine.guardrails.UnsubscribeLinks;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every page passes an axe-core scan with no serious or critical violation, at laptop and at phone width: the
 * sign-in and error pages signed out, a CSM's pages, CS ops' pages and the admin's. Skipped, saying why,
 * where Chromium is not installed or axe-core cannot be downloaded.
 */
class AccessibilityInTheBrowserTest extends ApiIntegrationTest {

    private static HeadlessChromium chromium;
    private static AxeCore axe;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UnsubscribeLinks unsubscribeLinks;

    private final String csm = unique("csm");
    private final String ops = unique("ops");
    private final String admin = unique("admin");
    private TestData account;

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
    }

    @BeforeAll
    static void startChromiumAndLoadAxe() {
        var log = LoggerFactory.getLogger(AccessibilityInTheBrowserTest.class);
        AxeCore.Result loaded = AxeCore.load();
        loaded.axe().ifPresentOrElse(found -> axe = found, () -> log.warn("Accessibility scan skipped. {}", loaded.whyNot()));
        HeadlessChromium.missing().ifPresentOrElse(why -> log.warn("Browser tests skipped. {}", why), () -> {
            try {
                chromium = HeadlessChromium.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @AfterAll
    static void quitChromium() throws IOException {
        HeadlessChromium.quit(chromium);
    }

    @BeforeEach
    void givenAnAccountWithATaskADeadLetterAndASlackChannel() {
        HeadlessChromium.assumeRunning(chromium);
        Assumptions.assumeTrue(axe != null, () -> AxeCore.load().whyNot());
        ensurePerson(csm, Role.CSM);
        ensurePerson(ops, Role.CS_OPS);
        ensurePerson(admin, Role.ADMIN);
        account = TestData.account("Axe & Anvil", Segment.HIGH_TOUCH).csm(csm).nps(2, 0);
        intake.accept(account.batch());
        await().atMost(Duration.ofSeconds(10)).until(() -> items("/api/tasks?owner=" + csm).size() >= 1);
        post("/api/webhooks/nps", """
                {"eventId": "axe-%s", "accountId": "no-such-account-%s", "occurredAt": "%s", "score": 9}"""
                .formatted(account.id(), account.id(), TestClock.now()));
        // For a CSM with no task, so nothing is ever posted to the address.
        jdbc.sql("INSERT INTO slack_webhook (scope, csm, channel, url, created_by, created_at) VALUES ('CSM', ?, '#axe', ?, 'test', ?)")
                .params(admin, "https://hooks.slack.com/services/T0/B0/axe" + account.id(), Timestamp.from(TestClock.now())).update();
    }

    @AfterEach
    void removeTheSlackChannel() {
        if (account != null) {
            jdbc.sql("DELETE FROM slack_webhook WHERE url LIKE ?").param("%/axe" + account.id()).update();
        }
    }

    @Test
    void the_sign_in_error_and_unsubscribe_pages_signed_out_have_no_serious_violation() throws IOException {
        browser().manage().deleteAllCookies();

        String unsubscribe = "/unsubscribe/" + unsubscribeLinks.token(account.id(), "champion@" + account.id() + ".test");
        assertNoSeriousViolations(List.of("/login", "/login?error", "/login?logout", unsubscribe, "/unsubscribe/not-a-token"));

        browser().get(url(unsubscribe));
        browser().findElement(By.cssSelector("main form button[type='submit']")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertThat(axe.scan(browser(), "unsubscribed", "phone")).isEmpty();
    }

    @Test
    void the_scan_sees_a_field_without_a_label() throws IOException {
        browser().manage().deleteAllCookies();
        chromium.viewport(HeadlessChromium.LAPTOP);
        browser().get(url("/login"));

        browser().executeScript("document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=\"unlabelled\" type=\"text\">')");

        assertThat(axe.scan(browser(), "/login", "laptop")).anySatisfy(violation -> {
            assertThat(violation.rule()).isEqualTo("label");
            assertThat(violation.where()).anySatisfy(where -> assertThat(where).contains("#unlabelled"));
        });
    }

    @Test
    void a_csms_pages_have_no_serious_violation() throws IOException {
        signIn(csm);

        assertNoSeriousViolations(List.of("/inbox", "/inbox?view=snoozed", "/inbox?view=done", "/accounts/" + account.id(),
                "/profile", "/profile/time-zone", "/ops/health", "/ops/metrics", "/ops/plays/outcomes",
                "/ops/plays/outcomes/nps-detractor", "/no-such-page", "/admin/people", "/logout"));
    }

    @Test
    void cs_ops_pages_have_no_serious_violation() throws IOException {
        signIn(ops);

        assertNoSeriousViolations(List.of("/inbox?owner=" + csm, "/accounts", "/ops/rules", "/ops/rules/edit", "/ops/plays", "/ops/dead-letters",
                "/ops/emails", "/admin/notifications"));
    }

    @Test
    void an_admins_pages_have_no_serious_violation() throws IOException {
        signIn(admin);

        assertNoSeriousViolations(List.of("/admin/people", "/admin/tokens", "/admin/notifications"));

        chromium.viewport(HeadlessChromium.PHONE);
        browser().get(url("/admin/notifications"));
        assertThat((Boolean) browser().executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("the notifications page scrolls no sideways on a phone").isTrue();
    }

    private void assertNoSeriousViolations(List<String> pages) throws IOException {
        List<AxeCore.Violation> found = new ArrayList<>();
        for (Dimension size : List.of(HeadlessChromium.LAPTOP, HeadlessChromium.PHONE)) {
            chromium.viewport(size);
            for (String page : pages) {
                browser().get(url(page));
                waitFor().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
                found.addAll(axe.scan(browser(), page, size.width + "×" + size.height));
            }
        }
        assertThat(found).as(() -> found.size() + " serious or critical violations:\n"
                + found.stream().map(AxeCore.Violation::toString).collect(Collectors.joining("\n"))).isEmpty();
    }

    private void signIn(String email) {
        chromium.viewport(HeadlessChromium.LAPTOP);
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
