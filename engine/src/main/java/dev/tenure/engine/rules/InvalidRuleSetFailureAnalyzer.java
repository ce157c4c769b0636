package dev.tenure.engine.rules;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/** A rule set that does not compile stops the start with each file, line and message, not a stack trace. */
class InvalidRuleSetFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRuleSetException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRuleSetException cause) {
        String problems = cause.problems().stream().map(p -> "    " + p).collect(Collectors.joining("\n"));
        return new FailureAnalysis("The rule set in tenure.rules-folder cannot be used:\n" + problems,
                "Fix the files named above (file:line:column: message), then start again.", cause);
    }
}
