package dev.tenure.api;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * The Debian chromium and chromium-driver packages (which CI installs), driven headless. Both paths are
 * given explicitly so Selenium Manager never tries to download a browser; without them the browser tests
 * are skipped, saying which is missing, never failed. {@code -Dtenure.browser.chromium} and
 * {@code -Dtenure.browser.chromedriver} point elsewhere.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Dimension LAPTOP = new Dimension(1280, 800);
    static final Dimension PHONE = new Dimension(390, 844);

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why the browser tests cannot run here, if they cannot: a binary is missing. */
    static Optional<String> missing() {
        for (File binary : List.of(chromium(), chromedriver())) {
            if (!binary.canExecute()) {
                return Optional.of(binary.getName().substring(0, 1).toUpperCase() + binary.getName().substring(1)
                        + " not found at " + binary + ": apt-get install chromium chromium-driver to run the browser tests");
            }
        }
        return Optional.empty();
    }

    /**
     * Chromium for one browser test class, started once for the class; null (and the reason logged) when it
     * cannot run here, so each test skips itself with {@link #assumeRunning}.
     */
    static HeadlessChromium startFor(Class<?> testClass) {
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            org.slf4j.LoggerFactory.getLogger(testClass).warn("Browser tests skipped. {}", missing.get());
            return null;
        }
        try {
            return start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Skips the calling test when {@code chromium} did not start. */
    static void assumeRunning(HeadlessChromium chromium) {
        org.junit.jupiter.api.Assumptions.assumeTrue(chromium != null,
                () -> missing().orElse("Chromium did not start"));
    }

    /** Closes a class's Chromium, if it started. */
    static void quit(HeadlessChromium chromium) throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    static HeadlessChromium start() throws IOException {
        File chromium = chromium();
        File chromedriver = chromedriver();

        // A fresh profile each run: no cached pages or cookies from an earlier run.
        Path profile = Files.createTempDirectory("tenure-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + LAPTOP.width + "," + LAPTOP.height);
        // The console, so a test can see what the Content-Security-Policy refused.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    /**
     * Makes the page area (what a screenshot shows) exactly this size, as a device would: a window cannot
     * be made narrower than about 500 pixels, a phone is.
     */
    void viewport(Dimension size) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.width, "height", size.height,
                "deviceScaleFactor", 1, "mobile", size.width < 700));
    }

    /** The time zone the browser says it is in (an IANA name), as a laptop set to that zone would; null for the machine's. */
    void timeZone(String zone) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone == null ? "" : zone));
    }

    /**
     * What the Content-Security-Policy refused since the last call: Chromium says so on the console ("Applying
     * inline style violates the following Content Security Policy directive 'style-src 'self''...").
     */
    List<String> policyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    /**
     * Signs in through the login form at {@code origin} ("http://localhost:8080"), as a person would, and waits
     * for the header to name them; the cookies of an earlier session are dropped first.
     */
    void signIn(String origin, String email, String password) {
        driver.manage().deleteAllCookies();
        fillSignIn(origin, email, password);
        waitFor().until(ExpectedConditions.textToBe(By.id("viewer-email"), email));
    }

    /** Fills in and sends the login form, whatever comes of it. */
    void fillSignIn(String origin, String email, String password) {
        driver.get(origin + "/login");
        driver.findElement(By.id("username")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type='submit']")).click();
    }

    /**
     * Waits up to 30 seconds: on a machine busy with other builds a smooth scroll once took more than 10 to begin.
     * A wait ends as soon as its condition holds, so this costs a passing test nothing.
     */
    WebDriverWait waitFor() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Clicks a link or a form's button and waits for the page it leads to, so nothing is read off the page before. */
    void follow(By by) {
        WebElement before = driver.findElement(By.tagName("html"));
        click(by);
        waitFor().until(d -> replaced(before));
    }

    /** Types into a field and presses Enter, and waits for the page that leads to, as {@link #follow} does. */
    void enter(By field, String text) {
        WebElement before = driver.findElement(By.tagName("html"));
        driver.findElement(field).sendKeys(text, Keys.ENTER);
        waitFor().until(d -> replaced(before));
    }

    /**
     * True once the element's page is gone. Chromium, asked mid-navigation, may answer that the node does not belong
     * to the document instead of calling it stale: the same news, in other words.
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Clicks as a person would: the element is scrolled into view first (on a phone most of the page is below). */
    void click(By by) {
        WebElement element = waitFor().until(ExpectedConditions.presenceOfElementLocated(by));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        waitFor().until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** The notice at the top of the page the last action led to. */
    String notice() {
        return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText();
    }

    /** By how many pixels the page is wider than the screen: 0 or less when nothing scrolls sideways. */
    int overflow() {
        return ((Number) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
    }

    /** What sticks out past the screen's right edge, for an assertion's message. */
    String widerThanTheScreen() {
        return String.valueOf(driver.executeScript(
                "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > "
                        + "document.documentElement.clientWidth).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ')"));
    }

    private static File chromium() {
        return new File(System.getProperty("tenure.browser.chromium", "/usr/bin/chromium"));
    }

    private static File chromedriver() {
        return new File(System.getProperty("tenure.browser.chromedriver", "/usr/bin/chromedriver"));
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
