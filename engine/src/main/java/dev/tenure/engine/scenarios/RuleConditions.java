package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.DecisionTables;
import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleSetFiles;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each rule of a rule set looks at and which plays it starts, read from its DRL text, so a failed
 * scenario can say what a rule needed and what the facts were. A decision table's rules are read from
 * the DRL the table compiles into ({@link DecisionTables}), the very text Drools builds.
 */
final class RuleConditions {

    private static final Pattern PLAY_CALL = Pattern.compile("playbook\\s*\\.\\s*start\\s*\\(\\s*\"([^\"]*)\"");

    /** One pattern of a rule's conditions: a fact type and its constraints, without the joins to other facts. */
    record Condition(String factType, boolean negated, List<String> constraints) {

        @Override
        public String toString() {
            return (negated ? "not " : "") + factType + "(" + String.join(", ", constraints) + ")";
        }
    }

    record Rule(String name, List<Condition> conditions, List<String> plays) {
    }

    private final List<Rule> rules;

    private RuleConditions(List<Rule> rules) {
        this.rules = rules;
    }

    static RuleConditions of(RuleSetFiles files) {
        DecisionTables tables = new DecisionTables();
        List<Rule> rules = new ArrayList<>();
        for (RuleFile f : files.files()) {
            if (f.path().endsWith(".drl") && !f.path().startsWith("tests/")) {
                rules.addAll(read(f.content()));
            } else if (f.isDecisionTable()) {
                tables.drl(f).ifPresent(drl -> rules.addAll(read(drl)));
            }
        }
        return new RuleConditions(rules);
    }

    List<Rule> startingPlay(String play) {
        return rules.stream().filter(r -> r.plays().contains(play)).toList();
    }

    List<Rule> named(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).toList();
    }

    private static List<Rule> read(String drl) {
        PackageDescr pkg;
        try {
            DrlParser parser = new DrlParser();
            pkg = parser.parse(false, drl);
            if (pkg == null || parser.hasErrors()) {
                return List.of();
            }
        } catch (DroolsParserException e) {
            // The compiler reports broken DRL with its line; an explanation can do without it.
            return List.of();
        }
        List<Rule> rules = new ArrayList<>();
        for (RuleDescr r : pkg.getRules()) {
            List<Condition> conditions = new ArrayList<>();
            collect(r.getLhs(), false, conditions);
            List<String> plays = new ArrayList<>();
            Matcher m = PLAY_CALL.matcher(String.valueOf(r.getConsequence()));
            while (m.find()) {
                plays.add(m.group(1));
            }
            rules.add(new Rule(r.getName(), List.copyOf(conditions), List.copyOf(plays)));
        }
        return rules;
    }

    private static void collect(BaseDescr descr, boolean negated, List<Condition> into) {
        if (descr instanceof PatternDescr p) {
            List<String> constraints = new ArrayList<>();
            for (BaseDescr c : p.getDescrs()) {
                String text = c instanceof ExprConstraintDescr e ? e.getExpression() : c.getText();
                // Joins ("accountId == $a.id") tie facts of the same account together; they say nothing to an author.
                if (text != null && !text.contains("$")) {
                    constraints.add(text.strip());
                }
            }
            into.add(new Condition(p.getObjectType(), negated, List.copyOf(constraints)));
        } else if (descr instanceof ConditionalElementDescr ce) {
            for (BaseDescr child : ce.getDescrs()) {
                collect(child, negated || descr instanceof NotDescr, into);
            }
        }
    }
}
