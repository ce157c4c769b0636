package dev.tenure.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser over plain HTTP: keeps its cookies, follows no redirects, asks for HTML as a browser does, and
 * posts forms with the CSRF token of the page it last read. Signs in through the login form.
 */
final class SignedInClient {

    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;
    private String csrf;

    private SignedInClient(int port) {
        this.port = port;
    }

    /** A browser nobody has signed in with. */
    static SignedInClient nobody(int port) {
        return new SignedInClient(port);
    }

    static SignedInClient signIn(int port, String email, String password) {
        SignedInClient client = new SignedInClient(port);
        client.page("/login");
        HttpResponse<String> answer = client.post("/login", "username=" + enc(email) + "&password=" + enc(password));
        assertThat(answer.headers().firstValue("Location").orElse("")).as("signed in as " + email).doesNotContain("error");
        return client;
    }

    /** A page as a browser asks for it; remembers the CSRF token of its forms. */
    HttpResponse<String> page(String path) {
        return get(path, BROWSER_ACCEPT);
    }

    HttpResponse<String> get(String path, String accept) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build());
        Matcher token = CSRF.matcher(answer.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return answer;
    }

    /** A form post with the CSRF token of the last page read, as the page's form would send it. */
    HttpResponse<String> post(String path, String form) {
        String body = form.isEmpty() ? "_csrf=" + enc(csrf) : form + "&_csrf=" + enc(csrf);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", BROWSER_ACCEPT).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A form post without the CSRF token: what another site's page could make a browser send. */
    HttpResponse<String> postWithoutCsrf(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", BROWSER_ACCEPT).POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** An API call carrying the session cookie, and the CSRF token in its header if one is given. */
    HttpResponse<String> api(String method, String path, String json, String csrfHeader) {
        return api(method, path, json, csrfHeader, null);
    }

    /** The same, with an Authorization header of the caller's choosing too. */
    HttpResponse<String> api(String method, String path, String json, String csrfHeader, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        if (csrfHeader != null) {
            request.header("X-CSRF-TOKEN", csrfHeader);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** The CSRF token of a page's forms, as a script on the page would read it. */
    static String csrfOf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("the page carries a CSRF token").isTrue();
        return token.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
