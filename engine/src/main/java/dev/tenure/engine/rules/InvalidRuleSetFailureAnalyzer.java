package dev.tenure.engine.rules;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/** A rule set that does not compile stops the start with each file, line and message, not a stack trace. */
class InvalidRuleSetFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRuleSetException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRuleSetException cause) {
        String problems = cause.problems().stream().map(p -> "    " + p).collect(Collectors.joining("\n"));
        return new FailureAnalysis(cause.ruleSet() + " cannot be used:\n" + problems,
                "Fix the files named above (file:line:column: message), then start again. A version in force that no"
                        + " longer compiles is replaced by changing the rules folder (a changed folder becomes the"
                        + " version in force at start), or by activating another version from a running node.", cause);
    }
}
