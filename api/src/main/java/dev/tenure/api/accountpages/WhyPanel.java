package dev.tenure.api.accountpages;

import dev.tenure.engine.activity.ActivityEntry;

import java.time.Instant;
import java.util.List;

/**
 * Why a task or a play exists, as its panel on the account page shows it: the play and when it started, the
 * rule, its rule set version (and where that version stands now), the DRL file and line declaring the rule,
 * the facts it matched (each fact's fields) and the latest signals of the kinds those facts are rolled up
 * from. {@code byHand} for a task made by hand, which has no rule behind it.
 */
record WhyPanel(String kind, long id, boolean byHand, String play, Instant startedAt, String rule, String version,
                String versionStatus, String file, Integer line, List<Fact> facts, List<ActivityEntry> signals) {

    /** A matched fact by name ({@code usageTrend}) and its fields as "name value" pairs. */
    record Fact(String name, List<Field> fields) {
    }

    record Field(String name, String value) {
    }

    static WhyPanel byHand(String kind, long id) {
        return new WhyPanel(kind, id, true, null, null, null, null, null, null, null, List.of(), List.of());
    }

    /** {@code churn/failed-payment.drl:11}, or nothing when the rule's file was not found in its version. */
    public String location() {
        return file == null ? null : file + (line == null ? "" : ":" + line);
    }
}
