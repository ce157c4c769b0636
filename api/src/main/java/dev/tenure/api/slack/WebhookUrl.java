package dev.tenure.api.slack;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * A Slack incoming webhook's address. It is a secret (whoever has it posts to the channel), so once stored it
 * is only ever shown {@link #masked()}, and a refusal never repeats it.
 */
record WebhookUrl(String url) {

    private static final int LONGEST = 2000;
    private static final int SHOWN_TAIL = 4;

    /** The address typed into the field named, or a refusal that names the field and says what is wrong. */
    static WebhookUrl parse(String field, String text, List<String> plainHttpHosts) {
        String url = text == null ? "" : text.strip();
        if (url.isEmpty()) {
            throw new IllegalArgumentException(field + ": paste the channel's incoming webhook address "
                    + "(https://hooks.slack.com/services/...)");
        }
        if (url.length() > LONGEST || url.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException(field + ": a webhook address is one line of at most " + LONGEST
                    + " characters with no spaces");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + ": not a web address (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + ": a webhook address is https://<host>/<path>, with no user "
                    + "name and no #fragment");
        }
        boolean plainAllowed = "http".equals(scheme) && plainHttpHosts.contains(host);
        if (!"https".equals(scheme) && !plainAllowed) {
            throw new IllegalArgumentException(field + ": a webhook address must start with https:// (its secret "
                    + "travels in the address)" + ("http".equals(scheme) ? "; plain http only to the hosts of "
                    + "tenure.slack.plain-http-hosts" : ""));
        }
        return new WebhookUrl(url);
    }

    /** What a page shows: the host and the last characters, enough to tell two webhooks apart. */
    String masked() {
        URI uri = URI.create(url);
        String tail = url.length() > SHOWN_TAIL * 4 ? url.substring(url.length() - SHOWN_TAIL) : "";
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…" + tail;
    }

    @Override
    public String toString() {
        return masked();
    }
}
