package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.api.people.People;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's third "done when", walked in a real browser (headless Chromium): an admin sets up a fresh install
 * without {@code --demo} and without editing the database. Tenure starts on its own empty PostgreSQL with only
 * the first admin of its configuration; that admin signs in, adds a CSM, issues an API token on the pages, and
 * a REST client calls the API with it; the CSM added signs in too. Skipped, saying why, where Chromium is not
 * installed.
 */
class FreshInstallWalkthroughInTheBrowserTest {

    private static final String ADMIN = "first.admin@fresh.example";
    private static final String ADMIN_PASSWORD = "the-first-admins-password";
    private static final String CSM = "dana.reyes@fresh.example";
    private static final String CSM_PASSWORD = "a-password-dana-was-given";

    private static HeadlessChromium chromium;
    private static ConfigurableApplicationContext tenure;
    private static String origin;

    @BeforeAll
    static void startAFreshInstallAndChromium(@TempDir Path dataDir) throws IOException {
        chromium = HeadlessChromium.startFor(FreshInstallWalkthroughInTheBrowserTest.class);
        if (chromium == null) {
            return;
        }
        tenure = new SpringApplicationBuilder(TenureApplication.class).properties(
                        "tenure.test.shared-database=off",
                        "tenure.embedded-database.data-dir=" + dataDir,
                        "tenure.embedded-database.port=" + freePort(),
                        "server.port=0",
                        "spring.main.banner-mode=off")
                // Arguments, as an operator gives them: builder properties are defaults, below the engine's own file.
                // Its Quartz scheduler has its own name: Quartz keeps schedulers by name for the whole JVM.
                .run("--spring.quartz.scheduler-name=tenure-fresh-install-test",
                        "--tenure.admin.email=" + ADMIN, "--tenure.admin.password=" + ADMIN_PASSWORD);
        origin = "http://localhost:" + ((WebServerApplicationContext) tenure).getWebServer().getPort();
    }

    @AfterAll
    static void stop() throws IOException {
        HeadlessChromium.quit(chromium);
        if (tenure != null) {
            tenure.close();
        }
    }

    @Test
    void the_first_admin_signs_in_adds_a_csm_and_issues_a_token_that_works_on_the_api_no_demo_no_database_edit() throws Exception {
        HeadlessChromium.assumeRunning(chromium);
        People people = tenure.getBean(People.class);
        // A fresh install: the first admin of the configuration, nobody else, no account, no token.
        assertThat(people.count()).isEqualTo(1);
        assertThat(tenure.getBean(JdbcClient.class).sql("SELECT count(*) FROM account").query(Long.class).single()).isZero();
        assertThat(tenure.getBean(JdbcClient.class).sql("SELECT count(*) FROM api_token").query(Long.class).single()).isZero();
        assertThat(call("/api/plays", null).statusCode()).as("nobody gets in without a token").isEqualTo(401);

        // 1. The first admin signs in with the password of the configuration.
        chromium.signIn(origin, ADMIN, ADMIN_PASSWORD);
        assertThat(browser().findElement(By.id("nav-people")).isDisplayed()).isTrue();

        // 2. They add a CSM on the people page.
        chromium.follow(By.id("nav-people"));
        chromium.waitFor().until(ExpectedConditions.titleIs("People · Tenure"));
        browser().findElement(By.id("new-email")).sendKeys(CSM);
        browser().findElement(By.id("new-name")).sendKeys("Dana Reyes");
        browser().findElement(By.id("new-password")).sendKeys(CSM_PASSWORD);
        chromium.follow(By.id("add-person-submit"));
        assertThat(chromium.notice()).startsWith("Added " + CSM + " (CSM).");
        WebElement added = browser().findElement(By.cssSelector("#people tr[data-email='" + CSM + "']"));
        assertThat(added.findElement(By.cssSelector(".person-roles")).getText()).isEqualTo("CSM");

        // 3. They issue themselves a token for the reporting script, shown once.
        chromium.follow(By.id("to-tokens"));
        chromium.waitFor().until(ExpectedConditions.titleIs("API tokens · Tenure"));
        assertThat(browser().findElement(By.id("no-tokens")).getText()).isEqualTo("No token yet.");
        browser().findElement(By.id("token-name")).sendKeys("reporting");
        assertThat(new Select(browser().findElement(By.id("token-owner"))).getFirstSelectedOption().getAttribute("value"))
                .as("yourself by default").isEqualTo(ADMIN);
        chromium.follow(By.id("issue-token-submit"));
        String token = chromium.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-token"))).getText();
        assertThat(token).startsWith("tnr_");

        // 4. A REST client calls the API with it.
        HttpResponse<String> plays = call("/api/plays", token);
        assertThat(plays.statusCode()).as(plays.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(plays.body()).path("items").isArray()).isTrue();
        JsonNode me = new ObjectMapper().readTree(call("/api/users/me", token).body());
        assertThat(me.path("email").asText()).isEqualTo(ADMIN);
        browser().get(origin + "/admin/tokens");
        assertThat(browser().getPageSource()).as("the token is shown once").doesNotContain(token);

        // 5. The CSM added signs in with the password they were given, to an inbox of their own.
        chromium.signIn(origin, CSM, CSM_PASSWORD);
        assertThat(browser().getCurrentUrl()).endsWith("/inbox");
        assertThat(browser().findElements(By.id("nav-people"))).as("no People link for a CSM").isEmpty();
        assertThat(people.count()).isEqualTo(2);
        assertThat(chromium.policyViolations()).as("nothing refused by the Content-Security-Policy").isEmpty();
    }

    private static HttpResponse<String> call(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ChromeDriver browser() {
        return chromium.driver;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
