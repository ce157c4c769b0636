package dev.tenure.engine.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where each rule and function of a rule set is written, to tell a finding in its compiled code at its line. */
final class RuleLocations {

    private final List<DrlStructure.Declared> declared;

    RuleLocations(List<DrlStructure.Declared> declared) {
        this.declared = List.copyOf(declared);
    }

    /** A finding in compiled code at the line of its rule, else its function, else its package's first file. */
    RuleProblem problem(CompiledRuleCheck.CodeFinding finding) {
        for (DrlStructure.Declared d : declared) {
            if (!d.pkg().equals(finding.pkg())) {
                continue;
            }
            if (finding.rule() != null && d.rules().containsKey(finding.rule())) {
                return d.source().problem(d.rules().get(finding.rule()), 0, "rule \"" + finding.rule() + "\": " + finding.message());
            }
            if (finding.function() != null && d.functions().containsKey(finding.function())) {
                return d.source().problem(d.functions().get(finding.function()), 0, "function " + finding.function() + ": "
                        + finding.message());
            }
        }
        String who = finding.rule() != null ? "rule \"" + finding.rule() + "\": "
                : finding.function() != null ? "function " + finding.function() + ": " : "";
        for (DrlStructure.Declared d : declared) {
            if (d.pkg().equals(finding.pkg())) {
                return d.source().problem(d.packageLine(), 0, who + finding.message());
            }
        }
        return new RuleProblem(declared.isEmpty() ? "" : declared.get(0).source().file().path(), 0, 0, who + finding.message());
    }

    /** Each rule's file and line (a rule named alike in two packages: the first). */
    Map<String, RuleProblem> rules() {
        Map<String, RuleProblem> rules = new HashMap<>();
        for (DrlStructure.Declared d : declared) {
            d.rules().forEach((rule, line) -> rules.putIfAbsent(rule, d.source().problem(line, 0, "")));
        }
        return rules;
    }
}
