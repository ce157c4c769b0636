package dev.tenure.engine.rules;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.WindowReferenceDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a DRL text declares, as Drools' own parser reads it: the rules and functions with their lines
 * (so a finding in compiled code is told at the rule's line), and the constructs a rule set may not use,
 * refused at their lines before anything is compiled. Rule units, declared types, queries, windows and entry points,
 * imported functions and accumulate functions, inline accumulate code, timers and rule attributes other
 * than the plain ones each add code or behaviour outside the vocabulary; none is needed to write a play's rule.
 */
final class DrlStructure {

    /** Drools' built-in accumulate functions, whose code is Drools' own. */
    static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("sum", "count", "min", "max", "average", "collectList", "collectSet");
    private static final Set<String> ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active", "activation-group",
            "agenda-group", "ruleflow-group", "auto-focus", "dialect", "enabled");

    /** Where the rules and functions of one DRL text are. */
    record Declared(DrlSource source, String pkg, Map<String, Integer> rules, Map<String, Integer> functions, int packageLine) {
    }

    /** Reads one text; its problems go to {@code problems}. Null when Drools cannot parse it (the build says why). */
    Declared read(DrlSource source, List<RuleProblem> problems) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, source.text());
        } catch (DroolsParserException | RuntimeException e) {
            return null;
        }
        if (pkg == null || parser.hasErrors()) {
            return null;
        }
        if (pkg.getUnit() != null) {
            refuse(source, pkg.getUnit(), "unit " + pkg.getUnit().getTarget() + " is not allowed in rules: rules are"
                    + " plain rules of their package, not a rule unit", problems);
        }
        pkg.getTypeDeclarations().forEach(d -> refuse(source, d, "declare " + d.getTypeName()
                + " is not allowed in rules: rules use the vocabulary's facts", problems));
        pkg.getEnumDeclarations().forEach(d -> refuse(source, d, "declare enum " + d.getTypeName()
                + " is not allowed in rules: rules use the vocabulary's facts", problems));
        pkg.getWindowDeclarations().forEach(d -> refuse(source, d, "declare window is not allowed in rules", problems));
        pkg.getEntryPointDeclarations().forEach(d -> refuse(source, d, "declare entry-point is not allowed in rules", problems));
        pkg.getFunctionImports().forEach(d -> refuse(source, d, "import function " + d.getTarget()
                + " is not allowed in rules (write a DRL function instead)", problems));
        pkg.getAccumulateImports().forEach(d -> refuse(source, d, "import accumulate " + d.getTarget()
                + " is not allowed in rules: use " + String.join(", ", sorted(ACCUMULATE_FUNCTIONS)), problems));
        for (GlobalDescr g : pkg.getGlobals()) {
            if (!g.getIdentifier().equals("playbook") || !(g.getType().equals("Playbook")
                    || g.getType().equals(CodeAllowlist.VOCABULARY + ".Playbook"))) {
                refuse(source, g, "global " + g.getType() + " " + g.getIdentifier()
                        + " is not allowed in rules (the one global is Playbook playbook)", problems);
            }
        }
        Map<String, Integer> rules = new HashMap<>();
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.isQuery()) {
                refuse(source, rule, "query \"" + rule.getName() + "\" is not allowed in rules", problems);
                continue;
            }
            rules.putIfAbsent(rule.getName(), rule.getLine());
            rule.getAttributes().values().forEach(a -> attribute(source, rule, a, problems));
            // Metadata is for tools reading the rules; Drools would compile it into a call its own builders make.
            rule.getAnnotations().forEach(a -> refuse(source, a.getLine() > 0 ? a : rule, "rule \"" + rule.getName()
                    + "\": metadata @" + a.getName() + " is not allowed in rules", problems));
            if (rule.getLhs() != null) {
                conditions(source, rule.getLhs(), problems);
            }
        }
        Map<String, Integer> functions = new HashMap<>();
        for (FunctionDescr f : pkg.getFunctions()) {
            functions.putIfAbsent(f.getName(), f.getLine());
        }
        String name = pkg.getName() == null || pkg.getName().isBlank() ? "defaultpkg" : pkg.getName();
        return new Declared(source, name, Map.copyOf(rules), Map.copyOf(functions), Math.max(1, pkg.getLine()));
    }

    private static void attribute(DrlSource source, RuleDescr rule, AttributeDescr a, List<RuleProblem> problems) {
        String name = a.getName();
        String value = a.getValue() == null ? "" : a.getValue().strip();
        if (!ATTRIBUTES.contains(name)) {
            refuse(source, a.getLine() > 0 ? a : rule, "the rule attribute " + name + " is not allowed in rules (allowed: "
                    + String.join(", ", sorted(ATTRIBUTES)) + ")", problems);
        } else if (name.equals("salience") && !value.matches("-?\\d{1,9}")) {
            refuse(source, a.getLine() > 0 ? a : rule, "salience must be a whole number, not an expression", problems);
        } else if (name.equals("enabled") && !value.equals("true") && !value.equals("false")) {
            refuse(source, a.getLine() > 0 ? a : rule, "enabled must be true or false, not an expression", problems);
        }
    }

    /** Walks a rule's conditions, into not, exists, or, forall, accumulate and from. */
    private static void conditions(DrlSource source, BaseDescr descr, List<RuleProblem> problems) {
        if (descr instanceof AccumulateDescr acc) {
            if (acc.getInitCode() != null || acc.getActionCode() != null || acc.getResultCode() != null) {
                refuse(source, acc, "accumulate with init/action/result code is not allowed in rules: use "
                        + String.join(", ", sorted(ACCUMULATE_FUNCTIONS)), problems);
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr call : acc.getFunctions()) {
                if (!ACCUMULATE_FUNCTIONS.contains(call.getFunction())) {
                    refuse(source, acc, "the accumulate function " + call.getFunction() + " is not allowed in rules: use "
                            + String.join(", ", sorted(ACCUMULATE_FUNCTIONS)), problems);
                }
            }
        }
        if (descr instanceof EntryPointDescr entry && !entry.getEntryId().equals("DEFAULT")) {
            refuse(source, entry, "from entry-point is not allowed in rules", problems);
        }
        if (descr instanceof WindowReferenceDescr window) {
            refuse(source, window, "from window is not allowed in rules", problems);
        }
        if (descr instanceof PatternDescr pattern) {
            if (pattern.getSource() != null) {
                conditions(source, pattern.getSource(), problems);
            }
            for (BaseDescr inner : pattern.getDescrs()) {
                conditions(source, inner, problems);
            }
        }
        if (descr instanceof ConditionalElementDescr element) {
            for (BaseDescr inner : element.getDescrs()) {
                conditions(source, inner, problems);
            }
        }
    }

    private static void refuse(DrlSource source, BaseDescr at, String message, List<RuleProblem> problems) {
        problems.add(source.problem(at.getLine(), 0, message));
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }
}
