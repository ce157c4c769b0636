package dev.tenure.engine.rules;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.FactSettings;
import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Signal;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A compiled, validated rule set: its rules, plays, email templates and health model, under one version. */
public final class RuleSet {

    private static final Logger log = LoggerFactory.getLogger(RuleSet.class);

    /** A guard against rules that keep re-activating each other. */
    private static final int MAX_FIRINGS = 1_000;

    private final RuleSetFiles files;
    private final KieBase kieBase;
    private final List<String> ruleNames;
    private final Map<String, PlayDefinition> plays;
    private final Map<String, String> templates;
    private final HealthModel health;
    /** Disposing a pooled session resets it (facts, agenda, globals, listeners): much cheaper than a new one. */
    private final KieSessionsPool sessions;
    private final Set<String> eventKinds;
    private final RuleCode code;
    private final Duration limit;
    private final RuleWatch watch;
    private final FactSettings factSettings;

    RuleSet(RuleSetFiles files, KieBase kieBase, List<String> ruleNames, Map<String, PlayDefinition> plays,
            Map<String, String> templates, HealthModel health, RuleCode code, Duration limit, RuleWatch watch,
            FactSettings factSettings) {
        this.factSettings = factSettings;
        this.files = files;
        this.kieBase = kieBase;
        this.ruleNames = List.copyOf(ruleNames);
        this.plays = Map.copyOf(plays);
        this.templates = Map.copyOf(templates);
        this.health = health;
        this.sessions = kieBase.newKieSessionsPool(1);
        this.eventKinds = EventKinds.named(files);
        this.code = code;
        this.limit = limit;
        this.watch = watch;
    }

    public String version() { return files.version(); }

    public RuleSetFiles files() { return files; }

    public List<String> ruleNames() { return ruleNames; }

    public Map<String, PlayDefinition> plays() { return plays; }

    public Optional<PlayDefinition> play(String id) { return Optional.ofNullable(plays.get(id)); }

    /** The health model of this version ({@code health.yml}), which scores every account it evaluates. */
    public HealthModel health() { return health; }

    /** How long point-in-time facts count for this version ({@code facts.yml}): every fact set it sees is aged so. */
    public FactSettings factSettings() { return factSettings; }

    public Optional<String> template(String id) { return Optional.ofNullable(templates.get(id)); }

    /** The ids of its email templates, in order. */
    public List<String> templateIds() { return templates.keySet().stream().sorted().toList(); }

    /** The signal kinds (usage, ticket, ...) some rule may match as an event. */
    public Set<String> eventKinds() { return eventKinds; }

    KieSession newSession() { return sessions.newKieSession(); }

    /**
     * Runs the rules over one account's facts in a session of their own (pooled: reset before it is used
     * again) and reports what they decided; nothing is stored or sent. {@code arrived} are the signals that
     * just came in, which rules see as events. The rules run on a worker within the evaluation time limit.
     *
     * @throws RuleEvaluationException if a rule failed or the rules were stopped at the limit, naming the rule
     */
    public RuleOutcome evaluate(FactSet facts, HealthScore health, Collection<? extends Signal> arrived, Instant now) {
        return run(facts.all(), health, arrived, now);
    }

    /**
     * As {@link #evaluate}, for a replay of history (a backtest): on the caller's own thread, since a replay
     * evaluates a million times and a hand-over to a worker each time would cost more than the rules
     * themselves; halted at the evaluation limit, and stopped a grace later if still matching (see {@link RuleWatch}).
     */
    public RuleOutcome replay(FactSet facts, HealthScore health, Collection<? extends Signal> arrived, Instant now) {
        KieSession session = newSession();
        RecordingPlaybook playbook = new RecordingPlaybook(session, version(), now, plays.keySet());
        try {
            return watch.runHere(limit, () -> fire(session, playbook, facts.all(), health, arrived), session::halt,
                    session::dispose);
        } catch (RuleWatch.Stopped stopped) {
            throw code.failure(stopped, playbook.firing(), limit);
        }
    }

    /** The first session of a KieBase builds its network; pay for that now, not on the first signal. */
    void warmUp() {
        try {
            run(List.of(), null, List.of(), Instant.EPOCH);
        } catch (RuleEvaluationException e) {
            // A rule without conditions fires on no facts; whatever it did, the network is built.
            log.debug("Warming up rule set {}: {}", version(), e.getMessage());
        }
    }

    private RuleOutcome run(Collection<?> facts, HealthScore health, Collection<? extends Signal> arrived, Instant now) {
        KieSession session = newSession();
        RecordingPlaybook playbook = new RecordingPlaybook(session, version(), now, plays.keySet());
        try {
            return watch.run(limit, () -> fire(session, playbook, facts, health, arrived), session::halt, session::dispose, true);
        } catch (RuleWatch.Stopped stopped) {
            throw code.failure(stopped, playbook.firing(), limit);
        }
    }

    private static RuleOutcome fire(KieSession session, RecordingPlaybook playbook, Collection<?> facts, HealthScore health,
                                    Collection<? extends Signal> arrived) {
        facts.forEach(session::insert);
        if (health != null) {
            session.insert(health);
        }
        arrived.forEach(session::insert);
        session.fireAllRules(MAX_FIRINGS);
        return playbook.outcome();
    }
}
