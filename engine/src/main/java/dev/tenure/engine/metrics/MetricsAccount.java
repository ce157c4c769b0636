package dev.tenure.engine.metrics;

/** An account as the reports group it: by its segment and its CSM now. */
public record MetricsAccount(String id, String segment, String csm) {

    static final String NO_CSM = "(no CSM)";

    String group(GroupBy groupBy) {
        return switch (groupBy) {
            case SEGMENT -> segment;
            case CSM -> csm == null || csm.isBlank() ? NO_CSM : csm;
            case MONTH -> throw new IllegalArgumentException("months are not a property of an account");
        };
    }
}
