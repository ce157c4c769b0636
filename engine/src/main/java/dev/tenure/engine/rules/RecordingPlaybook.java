package dev.tenure.engine.rules;

import dev.tenure.engine.plays.Why;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Playbook;
import dev.tenure.engine.vocabulary.Stage;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.beans.Introspector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code playbook} global of one evaluation. It notes which rule is firing and what it matched, and
 * records each call as a {@link Decision}. It also tells the session what it did (a started play, a
 * milestone, a new stage) so rules see it at once and do not fire again for it: once per play and per
 * milestone, so rules cannot fill the session with facts of their making. A play that is not in the
 * rule set, or more than {@link #MAX_DECISIONS} calls in one evaluation, fail the evaluation.
 */
final class RecordingPlaybook extends DefaultAgendaEventListener implements Playbook {

    /** More calls than any account needs; beyond it a rule is asking the playbook without end. */
    static final int MAX_DECISIONS = 1_000;

    private final KieSession session;
    private final String version;
    private final Instant now;
    private final Set<String> plays;
    private final List<Decision> decisions = new ArrayList<>();
    private final List<String> fired = new ArrayList<>();
    private final Set<String> told = new HashSet<>();
    /** Read by the thread that watches the evaluation, to name the rule that was firing when it was stopped. */
    private volatile Why current;

    RecordingPlaybook(KieSession session, String version, Instant now, Set<String> plays) {
        this.session = session;
        this.version = version;
        this.now = now;
        this.plays = plays;
        session.addEventListener(this);
        if (session.getKieBase().getKiePackages().stream().anyMatch(p -> p.getGlobalVariables().stream()
                .anyMatch(g -> g.getName().equals("playbook")))) {
            session.setGlobal("playbook", this);
        }
    }

    RuleOutcome outcome() {
        return new RuleOutcome(fired, decisions);
    }

    /** The rule firing now, or last; null before any fired. */
    String firing() {
        Why why = current;
        return why == null ? null : why.rule();
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (Object fact : event.getMatch().getObjects()) {
            String name = Introspector.decapitalize(fact.getClass().getSimpleName());
            String key = name;
            for (int i = 2; facts.containsKey(key); i++) {
                key = name + i;
            }
            facts.put(key, fact);
        }
        current = new Why(event.getMatch().getRule().getName(), version, facts);
        fired.add(current.rule());
    }

    @Override
    public void start(String play, Account account) {
        if (!plays.contains(play)) {
            throw new UnknownPlay();
        }
        decide(new Decision.StartPlay(play, current));
        if (told.add("play:" + play)) {
            session.insert(new PlayRun(0, account.id(), play, true, now));
        }
    }

    @Override
    public void recordMilestone(Account account, MilestoneType milestone) {
        decide(new Decision.RecordMilestone(milestone, current));
        if (told.add("milestone:" + milestone)) {
            session.insert(new Milestone(account.id(), milestone, now));
        }
    }

    @Override
    public void moveStage(Account account, Stage stage) {
        decide(new Decision.MoveStage(stage, current));
        FactHandle handle = session.getFactHandle(account);
        if (handle != null) {
            session.update(handle, account.withStage(stage));
        }
    }

    private void decide(Decision decision) {
        if (decisions.size() >= MAX_DECISIONS) {
            throw new TooManyDecisions();
        }
        decisions.add(decision);
    }

    /** A rule started a play the rule set does not have; which one is the rule's data, so it is not told. */
    static final class UnknownPlay extends RuntimeException {
        UnknownPlay() {
            super(null, null, false, false);
        }
    }

    /** A rule asked the playbook more than {@link #MAX_DECISIONS} times in one evaluation. */
    static final class TooManyDecisions extends RuntimeException {
        TooManyDecisions() {
            super(null, null, false, false);
        }
    }
}
