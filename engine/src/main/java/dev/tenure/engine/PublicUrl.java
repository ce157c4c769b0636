package dev.tenure.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where people reach this installation ({@code tenure.public-url}), and the one place that makes links to
 * it: every link in an email is one of these, so a mail client anywhere reaches the pages, never a
 * {@code localhost} of the machine that sent it or an API address a browser cannot open.
 *
 * @param base the configured address without a trailing slash: {@code https://cs.example.com} or
 *             {@code https://example.com/tenure} behind a proxy that serves Tenure under a path
 */
public record PublicUrl(String base) {

    public PublicUrl {
        base = checked(base);
    }

    /** {@code <base>/unsubscribe/<token>}: the token is URL-safe Base64 already. */
    public String unsubscribe(String token) {
        return base + "/unsubscribe/" + token;
    }

    /** The inbox page of whoever opens it. */
    public String inbox() {
        return base + "/inbox";
    }

    /** A task on the inbox page: the page's row for the task carries the id {@code task-<id>}. */
    public String task(long taskId) {
        return base + "/inbox#task-" + taskId;
    }

    /** An account's page. */
    public String account(String accountId) {
        return base + "/accounts/" + URLEncoder.encode(accountId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String checked(String text) {
        String problem = "tenure.public-url must be the address people open Tenure at, http or https with a host and "
                + "nothing after the path (like https://cs.example.com), was '" + text + "'";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(problem);
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(problem);
        }
        return text.strip().replaceAll("/+$", "");
    }
}
