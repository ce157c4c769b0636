package dev.tenure.api.webhooks;

import dev.tenure.connectors.segment.SegmentSource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decides whether a call comes from Segment the way Segment's libraries prove it: HTTP Basic with the
 * write key as the user name and no password ({@code tenure.segment.write-key}). Without a configured
 * key calls are refused unless webhooks are open ({@code tenure.webhooks.open=true}, or the demo).
 */
@Component
class SegmentWriteKey {

    private static final String BASIC = "Basic ";

    private final SegmentSource segment;
    private final boolean open;

    SegmentWriteKey(SegmentSource segment, WebhookProperties webhooks, ApplicationArguments args) {
        this.segment = segment;
        this.open = webhooks.open() || args.containsOption("demo");
    }

    /** Throws {@link SourceSecrets.SourceNotAuthenticatedException} unless the header carries the write key. */
    void check(String authorization) {
        if (segment.writeKey().isEmpty()) {
            if (!open) {
                throw new SourceSecrets.SourceNotAuthenticatedException(
                        "no write key is configured for Segment (tenure.segment.write-key); calls are refused until one is");
            }
            return;
        }
        if (!segment.isWriteKey(userName(authorization))) {
            throw new SourceSecrets.SourceNotAuthenticatedException("Authorization: " + (authorization == null ? "missing"
                    : "not Basic with the write key as user name") + " for Segment");
        }
    }

    private static String userName(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
