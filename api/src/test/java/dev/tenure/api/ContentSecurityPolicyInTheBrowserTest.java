package dev.tenure.api;

import dev.tenure.api.people.Role;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages and Swagger UI work in a real browser (headless Chromium) under their Content-Security-Policy:
 * nothing they need is refused, while a style slipped into a page is. Skipped, saying why, where Chromium
 * is not installed.
 */
class ContentSecurityPolicyInTheBrowserTest extends ApiIntegrationTest {

    private static HeadlessChromium chromium;

    private final String ops = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startFor(ContentSecurityPolicyInTheBrowserTest.class);
    }

    @BeforeEach
    void needsChromium() {
        HeadlessChromium.assumeRunning(chromium);
        chromium.policyViolations();
    }

    @AfterAll
    static void quitChromium() throws IOException {
        HeadlessChromium.quit(chromium);
    }

    @Test
    void the_sign_in_page_and_the_pages_with_charts_and_scripts_load_with_nothing_refused() {
        TestData account = TestData.account("Policy Parcels", Segment.HIGH_TOUCH).csm(ops).nps(2, 0);
        intake.accept(account.batch());

        browser().get(url("/login"));
        assertThat(browser().findElement(By.cssSelector("label[for='username']")).getCssValue("display"))
                .as("the sign-in page's stylesheet applies").isEqualTo("block");
        signIn(ops);
        for (String page : new String[]{"/inbox", "/accounts/" + account.id(), "/ops/health", "/ops/metrics",
                "/ops/plays/outcomes", "/ops/rules", "/ops/emails", "/profile", "/logout", "/no-such-page", "/admin/people",
                "/admin/notifications"}) {
            browser().get(url(page));
            waitFor().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        }
        browser().get(url("/ops/health"));

        assertThat(chromium.policyViolations()).isEmpty();
        assertThat(browser().findElements(By.cssSelector("figure.chart .legend svg.key")))
                .as("the health page's legend keys are drawn").isNotEmpty();
        assertThat(browser().findElement(By.cssSelector(".site-header")).getCssValue("display"))
                .as("the pages' stylesheet applies").isNotEqualTo("inline");
    }

    @Test
    void a_style_slipped_into_a_page_is_refused() {
        browser().get(url("/login"));

        browser().executeScript("document.querySelector('main').insertAdjacentHTML('beforeend',"
                + " '<p id=\"slipped\" style=\"display: none\">slipped in</p>')");

        assertThat(browser().findElement(By.id("slipped")).isDisplayed()).isTrue();
        assertThat(chromium.policyViolations()).anySatisfy(violation -> assertThat(violation).contains("style-src 'self'"));
    }

    @Test
    void swagger_ui_loads_and_lists_the_api_under_its_own_policy() {
        browser().get(url("/swagger-ui.html"));

        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .opblock")));

        assertThat(browser().findElements(By.cssSelector(".swagger-ui .opblock-summary-path")))
                .extracting(path -> path.getText().replace("\u200b", "")).contains("/api/tokens", "/api/users/me");
        assertThat(browser().findElement(By.cssSelector(".swagger-ui .btn.authorize")).isDisplayed()).isTrue();
        assertThat(chromium.policyViolations()).isEmpty();
    }

    private void signIn(String email) {
        ensurePerson(email, Role.CS_OPS);
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
