package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
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

import java.io.IOException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing out, a profile, the error pages and the admin's people and token pages, in a real browser
 * (headless Chromium) against the whole application: what a CSM and a fresh install's first admin do.
 * Skipped, saying why, where Chromium is not installed.
 */
class PeopleInTheBrowserTest extends ApiIntegrationTest {

    private static HeadlessChromium chromium;

    private final String csm = "csm-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
    private final String admin = "first.admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startFor(PeopleInTheBrowserTest.class);
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
    void a_csm_signs_out_from_the_header_of_any_page_and_is_then_asked_to_sign_in() {
        signIn(csm, Role.CSM);
        browser().get(url("/ops/health"));

        browser().findElement(By.id("sign-out")).click();

        waitFor().until(ExpectedConditions.urlContains("/login?logout"));
        assertThat(browser().findElement(By.cssSelector("main")).getText()).contains("You are signed out.");
        browser().get(url("/inbox"));
        assertThat(browser().getCurrentUrl()).endsWith("/login");
    }

    @Test
    void get_logout_shows_a_page_whose_button_signs_out() {
        signIn(csm, Role.CSM);

        browser().get(url("/logout"));
        assertThat(browser().getTitle()).isEqualTo("Sign out · Tenure");
        browser().findElement(By.id("sign-out-confirm")).click();

        waitFor().until(ExpectedConditions.urlContains("/login?logout"));
        assertThat(browser().getPageSource()).doesNotContain("\"status\":");
    }

    @Test
    void an_unknown_address_and_a_page_for_admins_show_friendly_pages_with_the_header_and_a_way_back() {
        signIn(csm, Role.CSM);

        browser().get(url("/acounts"));
        assertThat(browser().getTitle()).isEqualTo("Not found · Tenure");
        assertThat(browser().findElement(By.id("not-found")).getText()).isEqualTo("There is no page at /acounts.");
        assertThat(browser().findElement(By.id("viewer-email")).getText()).isEqualTo(csm);
        assertThat(browser().findElement(By.id("sign-out")).isDisplayed()).isTrue();

        browser().get(url("/admin/people"));
        assertThat(browser().getTitle()).isEqualTo("Not yours · Tenure");
        assertThat(browser().findElement(By.id("forbidden")).getText()).isEqualTo("Your roles do not let you open /admin/people.");
        assertThat(browser().findElements(By.id("nav-people"))).as("no People link for a CSM").isEmpty();

        browser().findElement(By.linkText("Back to your inbox")).click();
        waitFor().until(ExpectedConditions.urlContains("/inbox"));
        assertThat(browser().findElement(By.tagName("h1")).getText()).contains("inbox");
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void a_csm_changes_their_password_on_their_profile_and_signs_in_with_the_new_one() {
        signIn(csm, Role.CSM);
        browser().findElement(By.id("nav-profile")).click();
        waitFor().until(ExpectedConditions.titleIs("Your profile · Tenure"));

        browser().findElement(By.id("current")).sendKeys(PASSWORD);
        browser().findElement(By.id("replacement")).sendKeys("a-brand-new-password");
        browser().findElement(By.id("repeat")).sendKeys("a-brand-new-password");
        browser().findElement(By.id("change-password")).click();

        assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
                .isEqualTo("Your password is changed: use it at your next sign-in.");
        browser().findElement(By.id("sign-out")).click();
        waitFor().until(ExpectedConditions.urlContains("/login?logout"));
        chromium.fillSignIn(url(""), csm, "a-brand-new-password");
        waitFor().until(ExpectedConditions.textToBe(By.id("viewer-email"), csm));
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void the_first_admin_adds_a_csm_and_issues_a_token_in_the_pages_that_works_against_the_api_once_copied() {
        signIn(admin, Role.ADMIN);
        String added = "added-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

        browser().findElement(By.id("nav-people")).click();
        waitFor().until(ExpectedConditions.titleIs("People · Tenure"));
        browser().findElement(By.id("new-email")).sendKeys(added);
        browser().findElement(By.id("new-name")).sendKeys("Added CSM");
        browser().findElement(By.id("new-password")).sendKeys(PASSWORD);
        browser().findElement(By.id("add-person-submit")).click();
        assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
                .startsWith("Added " + added + " (CSM).");
        WebElement row = browser().findElement(By.cssSelector("#people tr[data-email='" + added + "']"));
        assertThat(row.findElement(By.cssSelector(".person-roles")).getText()).isEqualTo("CSM");

        browser().findElement(By.id("to-tokens")).click();
        waitFor().until(ExpectedConditions.titleIs("API tokens · Tenure"));
        browser().findElement(By.id("token-name")).sendKeys("reporting");
        new Select(browser().findElement(By.id("token-owner"))).selectByValue(added);
        browser().findElement(By.id("issue-token-submit")).click();

        String token = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-token"))).getText();
        assertThat(token).startsWith("tnr_");
        assertThat(withToken(token).getForObject("/api/users/me", JsonNode.class).path("email").asText()).isEqualTo(added);
        browser().navigate().refresh();
        browser().get(url("/admin/tokens"));
        assertThat(browser().getPageSource()).as("shown once").doesNotContain(token);
        assertThat(chromium.policyViolations()).isEmpty();
    }

    @Test
    void at_phone_width_the_header_keeps_sign_out_and_the_people_pages_fit_the_screen() {
        signIn(admin, Role.ADMIN);
        chromium.viewport(HeadlessChromium.PHONE);

        for (String path : new String[]{"/profile", "/admin/people", "/admin/tokens", "/logout", "/nowhere"}) {
            browser().get(url(path));
            assertThat(browser().findElement(By.id("sign-out")).isDisplayed()).as(path).isTrue();
            assertThat(chromium.overflow()).as(path + ": no sideways scroll; wider than the screen: " + chromium.widerThanTheScreen())
                    .isLessThanOrEqualTo(0);
        }
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
