package dev.tenure.engine.rules;

import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepStatus;

import java.time.Instant;
import java.util.Map;

/**
 * Why a play run, step, task or email exists, in one answer: the account, the play run and the step
 * (if the thing asked about is or came from one), the rule that started the play, the rule set version
 * it belongs to and where that version stands now, the facts the rule matched, when the play started,
 * and the DRL file declaring the rule in that version. {@code kind} and {@code id} repeat the question.
 */
public record Explanation(String kind, long id, AccountRef account, PlayRef play, StepRef step, String rule,
                          RuleSetRef ruleSet, Map<String, Object> matchedFacts, Instant startedAt, RuleSource ruleFile) {

    public record AccountRef(String id, String name) {
    }

    public record PlayRef(long runId, String id, String name, RunStatus status, Instant startedAt, Instant endedAt) {
    }

    public record StepRef(long id, int position, String type, StepStatus status, Instant dueAt, Instant executedAt,
                          String result) {
    }

    public record RuleSetRef(String version, RuleSetStatus status) {
    }

    /** The file of the rule set version whose text declares the rule, the line it starts on, and its text. */
    public record RuleSource(String path, int line, String content) {
    }
}
