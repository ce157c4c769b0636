package dev.tenure.engine.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.facts.FactSettings;
import dev.tenure.engine.yaml.UnreadableYaml;
import dev.tenure.engine.yaml.YamlReading;

import java.util.List;

/**
 * Reads {@code facts.yml}: how long point-in-time facts keep counting. A mistake is told at its line and the
 * rule set is refused, as for any other file of it.
 * <pre>
 * paymentFailedFor: 30d   # BillingStatus.lastPaymentFailed stops counting 30 days after the failure
 * </pre>
 */
final class FactSettingsFile {

    private static final String PAYMENT_FAILED_FOR = "paymentFailedFor";

    private FactSettingsFile() {
    }

    static FactSettings parse(RuleFile file, List<RuleProblem> problems) {
        JsonNode root;
        try {
            root = YamlReading.tree(file.content());
        } catch (UnreadableYaml e) {
            problems.add(new RuleProblem(file.path(), e.line(), 0, e.reason()));
            return FactSettings.DEFAULTS;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return FactSettings.DEFAULTS;
        }
        if (!root.isObject()) {
            problems.add(new RuleProblem(file.path(), 1, 0, "facts.yml is a YAML map, e.g. " + PAYMENT_FAILED_FOR + ": 30d"));
            return FactSettings.DEFAULTS;
        }
        int paymentFailedDays = FactSettings.DEFAULTS.paymentFailedDays();
        for (var fields = root.fields(); fields.hasNext(); ) {
            var field = fields.next();
            int line = lineOf(file.content(), field.getKey() + ":");
            if (!field.getKey().equals(PAYMENT_FAILED_FOR)) {
                problems.add(new RuleProblem(file.path(), line, 0, field.getKey() + " is not a fact setting (" + PAYMENT_FAILED_FOR + ")"));
                continue;
            }
            String text = field.getValue().asText();
            Integer days = days(text);
            if (days == null) {
                problems.add(new RuleProblem(file.path(), line, 0, PAYMENT_FAILED_FOR + " must be whole days from 1d to "
                        + FactSettings.MAX_DAYS + "d (facts count days), not '" + text + "'"));
            } else {
                paymentFailedDays = days;
            }
        }
        return new FactSettings(paymentFailedDays);
    }

    /** Whole days, {@code 30d}, within bounds; else null. */
    private static Integer days(String text) {
        try {
            Span span = Span.parse(text);
            return span.time().isZero() && span.days() >= 1 && span.days() <= FactSettings.MAX_DAYS ? span.days() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int lineOf(String content, String needle) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return 0;
    }
}
