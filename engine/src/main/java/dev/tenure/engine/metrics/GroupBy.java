package dev.tenure.engine.metrics;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a report's rows are cut: by calendar month of the period, by the account's segment, or by its CSM. */
public enum GroupBy {
    MONTH, SEGMENT, CSM;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GroupBy> named(String name) {
        return name == null ? Optional.empty()
                : Arrays.stream(values()).filter(g -> g.label().equalsIgnoreCase(name.trim())).findFirst();
    }
}
