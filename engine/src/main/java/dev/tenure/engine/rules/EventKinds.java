package dev.tenure.engine.rules;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which signal kinds a rule set's rules may match as events, read from the rule files' text: a kind
 * whose type no DRL file or decision table names. An evaluation need not read those signals back. A
 * name in a comment still counts, which costs a read, never a missed event.
 */
final class EventKinds {

    private static final Map<Pattern, String> KIND_OF_TYPE = Map.of(
            word("UsageSignal"), "usage", word("TicketSignal"), "ticket", word("BillingSignal"), "billing",
            word("NpsSignal"), "nps", word("CsatSignal"), "csat", word("ContactSignal"), "contact");

    /** A rule matching the common interface matches every kind. */
    private static final Pattern ANY_SIGNAL = word("Signal");

    private EventKinds() {
    }

    static Set<String> named(RuleSetFiles files) {
        Set<String> kinds = new TreeSet<>();
        for (RuleFile f : files.files()) {
            if (!f.isDrl() && !f.isDecisionTable()) {
                continue;
            }
            if (ANY_SIGNAL.matcher(f.content()).find()) {
                kinds.addAll(KIND_OF_TYPE.values());
            }
            KIND_OF_TYPE.forEach((type, kind) -> {
                if (type.matcher(f.content()).find()) {
                    kinds.add(kind);
                }
            });
        }
        return Set.copyOf(kinds);
    }

    private static Pattern word(String name) {
        return Pattern.compile("\\b" + name + "\\b");
    }
}
