package dev.tenure.connectors.segment;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * The Segment source's settings ({@code tenure.segment.*}).
 *
 * @param writeKey the write key Segment's libraries send as the HTTP Basic user name; unset, calls are
 *                 refused (unless webhooks are open)
 * @param features track event name to feature: {@code "[Report Exported]": core}; events not named
 *                 here are accepted and ignored
 */
@ConfigurationProperties("tenure.segment")
public record SegmentProperties(String writeKey, Map<String, String> features) {

    public SegmentProperties {
        features = features == null ? Map.of() : Map.copyOf(features);
    }
}
