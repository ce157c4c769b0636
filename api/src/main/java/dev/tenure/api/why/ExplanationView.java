package dev.tenure.api.why;

import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.rules.Explanation;
import dev.tenure.engine.rules.RuleSetStatus;

import java.time.Instant;
import java.util.Map;

/**
 * Why a play run, step, task or email exists, as {@code GET /api/why/{kind}/{id}} answers it: the account, the
 * play run and step, the rule, its rule set version and where that version stands now, the facts it matched,
 * when the play started, and the file declaring the rule.
 */
record ExplanationView(String kind, long id, AccountRef account, PlayRef play, StepRef step, String rule,
                       RuleSetRef ruleSet, Map<String, Object> matchedFacts, Instant startedAt, RuleSource ruleFile) {

    record AccountRef(String id, String name) {
    }

    record PlayRef(long runId, String id, String name, RunStatus status, Instant startedAt, Instant endedAt) {
    }

    record StepRef(long id, int position, String type, StepStatus status, Instant dueAt, Instant executedAt, String result) {
    }

    record RuleSetRef(String version, RuleSetStatus status) {
    }

    record RuleSource(String path, int line, String content) {
    }

    static ExplanationView of(Explanation e) {
        Explanation.AccountRef a = e.account();
        Explanation.PlayRef p = e.play();
        Explanation.StepRef s = e.step();
        Explanation.RuleSetRef r = e.ruleSet();
        Explanation.RuleSource f = e.ruleFile();
        return new ExplanationView(e.kind(), e.id(),
                a == null ? null : new AccountRef(a.id(), a.name()),
                p == null ? null : new PlayRef(p.runId(), p.id(), p.name(), p.status(), p.startedAt(), p.endedAt()),
                s == null ? null : new StepRef(s.id(), s.position(), s.type(), s.status(), s.dueAt(), s.executedAt(), s.result()),
                e.rule(),
                r == null ? null : new RuleSetRef(r.version(), r.status()),
                e.matchedFacts(), e.startedAt(),
                f == null ? null : new RuleSource(f.path(), f.line(), f.content()));
    }
}
