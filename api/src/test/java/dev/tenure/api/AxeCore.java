package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * axe-core, Deque's accessibility checker, from the npm registry: downloaded once into {@code target/} (its
 * SHA-512 checked against the registry's published integrity), then injected into a page through WebDriver,
 * which a page's Content-Security-Policy does not govern. Where it cannot be had (no network) the tests that
 * need it are skipped, saying why; {@code -Dtenure.browser.axe=<path to axe.min.js>} uses a local copy.
 */
final class AxeCore {

    static final String VERSION = "4.10.2";
    private static final URI PACKAGE = URI.create("https://registry.npmjs.org/axe-core/-/axe-core-" + VERSION + ".tgz");
    private static final String INTEGRITY = "RE3mdQ7P3FRSe7eqCWoeQ/Z9QXrtniSjp1wUjt5nRC3WIpz5rSCve6o3fsZ2aCpJtrZjSZgjwXAoTO5k4tEI0w==";
    private static final String SCRIPT = "package/axe.min.js";
    private static final Path CACHED = Path.of("target", "axe-core-" + VERSION, "axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a scan found that matters: a rule broken on a page, how badly, and where. */
    record Violation(String page, String width, String rule, String impact, String help, List<String> where) {

        @Override
        public String toString() {
            return page + " at " + width + ": " + impact + " " + rule + " (" + help + ") at " + String.join("; ", where);
        }
    }

    private final String source;

    private AxeCore(String source) {
        this.source = source;
    }

    /** axe-core's script, or why it cannot be had here. */
    static Result load() {
        String local = System.getProperty("tenure.browser.axe");
        try {
            if (local != null) {
                return new Result(Optional.of(new AxeCore(Files.readString(Path.of(local)))), null);
            }
            if (!Files.isRegularFile(CACHED)) {
                download();
            }
            return new Result(Optional.of(new AxeCore(Files.readString(CACHED))), null);
        } catch (IOException | RuntimeException e) {
            return new Result(Optional.empty(), "axe-core " + VERSION + " could not be had from " + (local != null ? local : PACKAGE)
                    + " (" + e + "): the accessibility scan is skipped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Optional.empty(), "interrupted while downloading axe-core");
        }
    }

    record Result(Optional<AxeCore> axe, String whyNot) {
    }

    private static void download() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(PACKAGE).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the registry answered " + response.statusCode());
        }
        byte[] tgz = response.body();
        String integrity;
        try {
            integrity = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(tgz));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!INTEGRITY.equals(integrity)) {
            throw new IOException("the package's SHA-512 is not the registry's published sha512-" + INTEGRITY);
        }
        byte[] script = fromTar(new GZIPInputStream(new ByteArrayInputStream(tgz)));
        Files.createDirectories(CACHED.getParent());
        Path partial = Files.createTempFile(CACHED.getParent(), "axe", ".part");
        Files.write(partial, script);
        Files.move(partial, CACHED, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The one file of the package's tar that is needed (ustar: 512-byte headers, the size in octal). */
    private static byte[] fromTar(InputStream tar) throws IOException {
        byte[] header = new byte[512];
        while (tar.readNBytes(header, 0, 512) == 512) {
            String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
            if (name.isEmpty()) {
                break;
            }
            long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip(), 8);
            if (name.equals(SCRIPT)) {
                return tar.readNBytes((int) size);
            }
            tar.skipNBytes((size + 511) / 512 * 512);
        }
        throw new IOException(SCRIPT + " is not in the package");
    }

    /**
     * Runs axe on the page the browser shows and returns its serious and critical violations (WCAG 2.x A and
     * AA and best practices, axe's defaults), each with the elements it found them on.
     */
    List<Violation> scan(JavascriptExecutor browser, String page, String width) throws IOException {
        if (!Boolean.TRUE.equals(browser.executeScript("return typeof window.axe === 'object'"))) {
            browser.executeScript(source);
        }
        Object answer = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(results => done(JSON.stringify(results.violations)))
                   .catch(error => done(JSON.stringify({error: String(error)})));""");
        JsonNode violations = JSON.readTree(String.valueOf(answer));
        if (violations.has("error")) {
            throw new IllegalStateException("axe failed on " + page + ": " + violations.path("error").asText());
        }
        List<Violation> found = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.path("impact").asText();
            if (!impact.equals("serious") && !impact.equals("critical")) {
                continue;
            }
            List<String> where = new ArrayList<>();
            for (JsonNode node : v.path("nodes")) {
                where.add(node.path("target").toString() + " " + node.path("failureSummary").asText().replace('\n', ' '));
            }
            found.add(new Violation(page, width, v.path("id").asText(), impact, v.path("help").asText(), where));
        }
        return found;
    }
}
