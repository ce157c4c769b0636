package dev.tenure.connectors.vendors;

import com.fasterxml.jackson.databind.JsonNode;

/** Dotted paths into a vendor's JSON ("metadata.tenure_account_id"), as operators write them in settings. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The text at the path, or null when it is absent, null, blank or not a plain value. */
    public static String text(JsonNode node, String dottedPath) {
        JsonNode at = node;
        for (String step : dottedPath.split("\\.")) {
            if (at == null || !at.isObject()) {
                return null;
            }
            at = at.get(step);
        }
        if (at == null || at.isNull() || at.isContainerNode() || at.asText().isBlank()) {
            return null;
        }
        return at.asText().trim();
    }
}
