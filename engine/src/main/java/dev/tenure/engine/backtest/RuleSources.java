package dev.tenure.engine.backtest;

import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleSet;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which file each rule of a rule set is written in, a DRL file or a decision table (whose rows carry
 * the rule names); the churn rules are those under {@code churn/}.
 */
final class RuleSources {

    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S+))");
    static final String CHURN_FOLDER = "churn/";

    private final Map<String, String> files = new HashMap<>();

    RuleSources(RuleSet rules) {
        for (RuleFile file : rules.files().files()) {
            if (!file.path().endsWith(".drl") || file.path().startsWith("tests/")) {
                continue;
            }
            Matcher m = RULE.matcher(file.content());
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                files.putIfAbsent(name, file.path());
            }
        }
        for (RuleFile table : rules.files().files()) {
            if (table.isDecisionTable()) {
                rules.ruleNames().stream().filter(name -> !files.containsKey(name) && table.content().contains(name))
                        .forEach(name -> files.put(name, table.path()));
            }
        }
    }

    /** The file of a rule, or null when it cannot be told. */
    String file(String rule) {
        return files.get(rule);
    }

    boolean isChurn(String rule) {
        String file = files.get(rule);
        return file != null && file.startsWith(CHURN_FOLDER);
    }
}
