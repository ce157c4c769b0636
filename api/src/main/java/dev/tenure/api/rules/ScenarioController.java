package dev.tenure.api.rules;

import dev.tenure.api.errors.ApiErrors;
import dev.tenure.api.why.FactsJson;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.scenarios.InvalidScenarioException;
import dev.tenure.engine.scenarios.ScenarioProblem;
import dev.tenure.engine.scenarios.ScenarioSuite;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Scenario tests and dry runs against the rule set in force. The body is scenario YAML (JSON is YAML
 * too), in the format of {@code rules/tests/*.yml}; nothing is stored or sent.
 */
@Tag(name = "Scenario tests", description = "Scenario tests and dry runs against the rule set in force; nothing is stored or sent (CS ops, admins).")
@RestController
@RequestMapping("/api/rules")
class ScenarioController {

    /** How a posted body is named in problems: {@code body:3: account: segment: ...}. */
    static final String BODY = "body";

    private final ActiveRuleSet active;
    private final ScenarioSuite suite;
    private final FactsJson facts;

    ScenarioController(ActiveRuleSet active, ScenarioSuite suite, FactsJson facts) {
        this.active = active;
        this.suite = suite;
        this.facts = facts;
    }

    /** Without a body: the rule set's own scenarios; with one: the scenarios in it, against the rule set in force. */
    @Operation(summary = "Run scenario tests")
    @PostMapping("/test")
    ScenarioViews.Report test(@RequestBody(required = false) String yaml) {
        RuleSet ruleSet = active.get();
        return ScenarioViews.Report.of(yaml == null || yaml.isBlank() ? suite.run(ruleSet) : suite.run(ruleSet, BODY, yaml));
    }

    /** One scenario ({@code expect} optional): which rules fire, with the facts they matched, and which plays would start. */
    @Operation(summary = "Dry-run one scenario")
    @PostMapping("/dry-run")
    ScenarioViews.DryRun dryRun(@RequestBody String yaml) {
        RuleSet ruleSet = active.get();
        return ScenarioViews.DryRun.of(ruleSet.version(), suite.dryRun(ruleSet, BODY, yaml), facts::of);
    }

    /**
     * Each problem at its line, as the intake refuses records: a body of a few megabytes can hold hundreds of thousands
     * of problems (every unknown key is one), each told at more length than it was written, so a long list is counted
     * and only its beginning listed rather than answered with tens of megabytes.
     */
    @ExceptionHandler(InvalidScenarioException.class)
    ProblemDetail invalid(InvalidScenarioException e) {
        List<ScenarioProblem> problems = e.problems();
        String detail = problems.size() <= 10 ? e.getMessage()
                : problems.size() + " problems; the first: " + problems.get(0) + " (the first "
                + Math.min(problems.size(), ApiErrors.MOST_ERRORS) + " are listed in errors)";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("The scenario cannot be read; nothing was run");
        problem.setProperty("errors", problems.stream().limit(ApiErrors.MOST_ERRORS).toList());
        problem.setProperty("errorCount", problems.size());
        return problem;
    }
}
