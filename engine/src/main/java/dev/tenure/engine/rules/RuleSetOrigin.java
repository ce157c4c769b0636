package dev.tenure.engine.rules;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a rule set version came in: read from the rules folder, uploaded through the API, or a rollback. */
public enum RuleSetOrigin {
    FOLDER, UPLOAD, ROLLBACK;

    /** As stored and shown: {@code folder}, {@code upload}, {@code rollback}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RuleSetOrigin of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
