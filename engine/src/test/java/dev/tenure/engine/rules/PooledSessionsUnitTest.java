package dev.tenure.engine.rules;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.SignalHistory;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions are pooled: nothing of one evaluation (facts, events, the plays it started) reaches the next. */
class PooledSessionsUnitTest {

    static final RuleSet RULES = new RuleSetCompiler().compile(RuleSetFiles.of(List.of(
            new RuleFile("churn/once.drl", """
                    package churn;
                    import dev.tenure.engine.vocabulary.*;
                    global Playbook playbook;

                    rule "Call unless already calling"
                    when
                        $a : Account()
                        NpsSignal( accountId == $a.id )
                        not PlayRun( accountId == $a.id, play == "call" )
                    then
                        playbook.start("call", $a);
                    end
                    """),
            new RuleFile("plays/call.yml", "name: Call\ncooldown: 1d\nsteps:\n  - type: task\n    delay: 0d\n    title: Call\n"))));

    static RuleOutcome evaluate(String accountId, boolean withAnswer) {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        Account account = new Account(accountId, accountId, Segment.LOW_TOUCH, Stage.VALUE, null, BigDecimal.ONE, null,
                LocalDate.of(2025, 1, 1), null, "UTC");
        FactSet facts = new SignalHistory().factsAsOf(account, List.of(), List.of(), List.of(), now);
        List<NpsSignal> arrived = withAnswer ? List.of(new NpsSignal("t", accountId, accountId, now, null, 3, null)) : List.of();
        return RULES.evaluate(facts, RULES.health().score(facts, -1, now), arrived, now);
    }

    @Test
    void the_same_account_evaluated_again_starts_afresh_and_an_event_does_not_linger() {
        assertThat(evaluate("a", true).playsAsked()).containsExactly("call");
        assertThat(evaluate("a", true).playsAsked()).as("the first run's PlayRun is gone").containsExactly("call");
        assertThat(evaluate("a", false).firedRules()).as("the answer was an event of another evaluation").isEmpty();
        assertThat(evaluate("b", true).decisions()).singleElement()
                .satisfies(d -> assertThat(d.why().matchedFacts()).containsEntry("account",
                        new Account("b", "b", Segment.LOW_TOUCH, Stage.VALUE, null, BigDecimal.ONE, null, LocalDate.of(2025, 1, 1), null, "UTC")));
    }
}
