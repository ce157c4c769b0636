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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code playbook} global of one evaluation. It notes which rule is firing and what it matched, and
 * records each call as a {@link Decision}. It also tells the session what it did (a started play, a
 * milestone, a new stage) so rules see it at once and do not fire again for it.
 */
final class RecordingPlaybook extends DefaultAgendaEventListener implements Playbook {

    private final KieSession session;
    private final String version;
    private final Instant now;
    private final List<Decision> decisions = new ArrayList<>();
    private final List<String> fired = new ArrayList<>();
    private Why current;

    RecordingPlaybook(KieSession session, String version, Instant now) {
        this.session = session;
        this.version = version;
        this.now = now;
        session.addEventListener(this);
        if (session.getKieBase().getKiePackages().stream().anyMatch(p -> p.getGlobalVariables().stream()
                .anyMatch(g -> g.getName().equals("playbook")))) {
            session.setGlobal("playbook", this);
        }
    }

    RuleOutcome outcome() {
        return new RuleOutcome(fired, decisions);
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
        decisions.add(new Decision.StartPlay(play, current));
        session.insert(new PlayRun(0, account.id(), play, true, now));
    }

    @Override
    public void recordMilestone(Account account, MilestoneType milestone) {
        decisions.add(new Decision.RecordMilestone(milestone, current));
        session.insert(new Milestone(account.id(), milestone, now));
    }

    @Override
    public void moveStage(Account account, Stage stage) {
        decisions.add(new Decision.MoveStage(stage, current));
        FactHandle handle = session.getFactHandle(account);
        if (handle != null) {
            session.update(handle, account.withStage(stage));
        }
    }
}
