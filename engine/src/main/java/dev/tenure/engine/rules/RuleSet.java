package dev.tenure.engine.rules;

import dev.tenure.engine.plays.PlayDefinition;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A compiled, validated rule set: its rules, plays and email templates, under one version. */
public final class RuleSet {

    private final RuleSetFiles files;
    private final KieBase kieBase;
    private final List<String> ruleNames;
    private final Map<String, PlayDefinition> plays;
    private final Map<String, String> templates;

    RuleSet(RuleSetFiles files, KieBase kieBase, List<String> ruleNames, Map<String, PlayDefinition> plays,
            Map<String, String> templates) {
        this.files = files;
        this.kieBase = kieBase;
        this.ruleNames = List.copyOf(ruleNames);
        this.plays = Map.copyOf(plays);
        this.templates = Map.copyOf(templates);
    }

    public String version() { return files.version(); }

    public RuleSetFiles files() { return files; }

    public List<String> ruleNames() { return ruleNames; }

    public Map<String, PlayDefinition> plays() { return plays; }

    public Optional<PlayDefinition> play(String id) { return Optional.ofNullable(plays.get(id)); }

    public Optional<String> template(String id) { return Optional.ofNullable(templates.get(id)); }

    KieSession newSession() { return kieBase.newKieSession(); }

    /** The first session of a KieBase builds its network; pay for that now, not on the first signal. */
    void warmUp() {
        KieSession session = newSession();
        try {
            session.fireAllRules();
        } finally {
            session.dispose();
        }
    }
}
