package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.scenarios.RuleConditions.Condition;
import dev.tenure.engine.scenarios.RuleConditions.Rule;
import dev.tenure.engine.scenarios.ScenarioOutcome.HeldBackPlay;
import dev.tenure.engine.scenarios.ScenarioOutcome.StartedPlay;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Puts a failed expectation in an author's words: which rules fired instead, what the rule that should
 * have started a play needs, and what the facts were ({@code UsageTrend(core) changePct was -30.0}).
 */
final class Explanations {

    /** {@code feature == "core"} or {@code type == MilestoneType.FIRST_VALUE}: a constraint that picks a fact. */
    private static final Pattern EQUALS_LITERAL = Pattern.compile("(\\w+)\\s*==\\s*(?:\"([^\"]*)\"|[A-Z]\\w*\\.(\\w+))");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$])([a-z]\\w*)");
    private static final int SHOWN_PER_TYPE = 3;

    private final RuleSetFiles files;
    private RuleConditions rules;

    /** The rules' DRL is read only when a scenario fails and needs explaining. */
    Explanations(RuleSetFiles files) {
        this.files = files;
    }

    private RuleConditions rules() {
        if (rules == null) {
            rules = RuleConditions.of(files);
        }
        return rules;
    }

    String firedRules(ScenarioOutcome outcome) {
        List<String> fired = outcome.firedRules();
        return "rules that fired: " + (fired.isEmpty() ? "none"
                : fired.stream().distinct().map(r -> "\"" + r + "\"").collect(Collectors.joining(", ")));
    }

    /** Why an expected play did not start: held back, no rule starts it, or what its rules needed. */
    String whyNot(String play, ScenarioOutcome outcome) {
        List<String> held = outcome.heldBack().stream().filter(h -> h.play().equals(play))
                .map(h -> play + " was asked for by rule \"" + h.rule() + "\" but held back: " + h.reason()).toList();
        if (!held.isEmpty()) {
            return String.join("; ", held);
        }
        List<Rule> starting = rules().startingPlay(play);
        if (starting.isEmpty()) {
            return "no rule starts " + play;
        }
        List<Object> facts = outcome.everyFact();
        // A decision table makes one rule per segment: the rows for other segments say nothing about this account.
        List<Rule> forThisAccount = starting.stream().filter(r -> notForThisAccount(r, facts).isEmpty()).toList();
        List<Rule> shown = forThisAccount.isEmpty() ? starting : forThisAccount;
        List<String> parts = new ArrayList<>();
        shown.forEach(r -> parts.add("rule \"" + r.name() + "\" needs " + needs(r) + "; here " + readings(r, facts, true)));
        if (!forThisAccount.isEmpty()) {
            starting.stream().filter(r -> !forThisAccount.contains(r)).forEach(r -> parts.add("rule \"" + r.name()
                    + "\" is only for " + String.join(", ", notForThisAccount(r, facts))));
        }
        return String.join("; ", parts);
    }

    /**
     * The constraints that rule an account out by what it is ({@code Account(segment == Segment.HIGH_TOUCH)}
     * when it is low touch), as opposed to what happened to it; empty when none does.
     */
    private static List<String> notForThisAccount(Rule rule, List<Object> facts) {
        List<String> failing = new ArrayList<>();
        for (Condition c : rule.conditions()) {
            List<Object> candidates = facts.stream().filter(f -> f.getClass().getSimpleName().equals(c.factType())).toList();
            if (c.negated() || candidates.size() != 1) {
                continue;
            }
            for (String constraint : c.constraints()) {
                Matcher m = EQUALS_LITERAL.matcher(constraint);
                if (m.matches() && m.group(3) != null
                        && !m.group(3).equals(String.valueOf(property(candidates.get(0), m.group(1))))) {
                    failing.add(c.factType() + "(" + constraint + ")");
                }
            }
        }
        return failing;
    }

    /** Why an unexpected play started: its rule and the facts it matched. */
    String why(StartedPlay started) {
        String matched = rules().named(started.why().rule()).stream().findFirst()
                .map(r -> readings(r, new ArrayList<>(started.why().matchedFacts().values()), false))
                .orElse("");
        return started.play() + " was started by rule \"" + started.why().rule() + "\""
                + (matched.isEmpty() ? "" : ", which matched " + matched);
    }

    /** Why a milestone or stage change did not happen: the rules that fired, and plays held back. */
    String context(ScenarioOutcome outcome) {
        List<String> parts = new ArrayList<>();
        parts.add(firedRules(outcome));
        for (HeldBackPlay h : outcome.heldBack()) {
            parts.add(h.play() + " held back: " + h.reason());
        }
        return String.join("; ", parts);
    }

    private static String needs(Rule rule) {
        return rule.conditions().stream().map(Condition::toString).collect(Collectors.joining(" and "));
    }

    private static String readings(Rule rule, List<Object> facts, boolean includeNegated) {
        List<String> readings = new ArrayList<>();
        for (Condition c : rule.conditions()) {
            if (c.negated() && !includeNegated) {
                continue;
            }
            String reading = reading(c, facts);
            if (reading != null) {
                readings.add(reading);
            }
        }
        return readings.isEmpty() ? "nothing to show" : String.join("; ", readings);
    }

    private static String reading(Condition c, List<Object> facts) {
        List<Object> candidates = facts.stream().filter(f -> f.getClass().getSimpleName().equals(c.factType())).toList();
        Map<String, String> picks = new LinkedHashMap<>();
        Set<String> picked = new LinkedHashSet<>();
        for (String constraint : c.constraints()) {
            Matcher m = EQUALS_LITERAL.matcher(constraint);
            if (m.matches()) {
                boolean text = m.group(2) != null;
                // An enum value only picks among several facts (milestones); on a single one (the account) it is a reading.
                if (text || c.negated() || candidates.size() > 1) {
                    picks.put(m.group(1), text ? m.group(2) : m.group(3));
                    picked.add(constraint);
                }
            }
        }
        List<Object> chosen = candidates.stream().filter(f -> picks.entrySet().stream()
                .allMatch(p -> p.getValue().equals(String.valueOf(property(f, p.getKey()))))).toList();
        String label = c.factType() + (picks.isEmpty() ? "" : "(" + String.join(", ", picks.values()) + ")");
        if (c.negated()) {
            return chosen.isEmpty() ? "no " + label : "there is a " + label;
        }
        if (chosen.isEmpty()) {
            return "no " + label + (c.factType().endsWith("Signal") ? " arrived in the last 7 days" : "");
        }
        List<String> shown = new ArrayList<>();
        for (Object fact : chosen.subList(0, Math.min(SHOWN_PER_TYPE, chosen.size()))) {
            List<String> values = new ArrayList<>();
            for (String name : propertiesIn(c.constraints(), picked, fact)) {
                values.add(name + " was " + property(fact, name));
            }
            if (!values.isEmpty()) {
                shown.add(label + " " + String.join(", ", values));
            }
        }
        return shown.isEmpty() ? null : String.join("; ", shown);
    }

    private static Set<String> propertiesIn(List<String> constraints, Set<String> skip, Object fact) {
        Set<String> names = new LinkedHashSet<>();
        for (String constraint : constraints) {
            if (skip.contains(constraint)) {
                continue;
            }
            Matcher m = NAME.matcher(constraint.replaceAll("\"[^\"]*\"", "\"\""));
            while (m.find()) {
                if (accessor(fact.getClass(), m.group(1)) != null) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Object property(Object fact, String name) {
        Method m = accessor(fact.getClass(), name);
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(fact);
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }

    /** A record component or no-argument method ({@code changePct()}, {@code hasBaseline()}), or a bean getter. */
    private static Method accessor(Class<?> type, String name) {
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, "get" + capitalised, "is" + capitalised)) {
            try {
                Method m = type.getMethod(candidate);
                if (m.getReturnType() != void.class) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return null;
    }
}
