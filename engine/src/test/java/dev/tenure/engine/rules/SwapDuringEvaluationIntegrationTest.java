package dev.tenure.engine.rules;

import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swapping the rule set loses no signal and never mixes two versions: an evaluation uses the one rule
 * set it took at its start, and facts come from the database, so new rules see what came before them.
 */
class SwapDuringEvaluationIntegrationTest extends HotReloadTestContext {

    @Autowired
    Intake intake;
    @Autowired
    PlayRuns playRuns;

    /** A rule set of one rule, "<name>: two urgent tickets in 14 days", starting play "<name>-check". */
    static Map<String, String> ruleSet(String name) {
        return Map.of("churn/" + name + ".drl", """
                        package test;
                        import dev.tenure.engine.vocabulary.*;
                        global Playbook playbook;
                        rule "%s: two urgent tickets in 14 days"
                        when
                            $a : Account()
                            TicketLoad( accountId == $a.id, highPriorityOpened14d >= 2 )
                        then
                            playbook.start("%s-check", $a);
                        end
                        """.formatted(name, name),
                "plays/" + name + "-check.yml", """
                        name: %s check
                        goal: The tickets are solved
                        cooldown: 30d
                        steps:
                          - type: task
                            delay: 1d
                            owner: csm
                            dueIn: 1d
                            title: "Look at the tickets of [[${account.name}]]"
                        """.formatted(name));
    }

    static TestData twoUrgentTickets(String name) {
        return TestData.account(name, Segment.LOW_TOUCH)
                .ticket(TicketPriority.P1, TicketStatus.OPEN, 2).ticket(TicketPriority.P2, TicketStatus.OPEN, 1);
    }

    @Test
    void signals_stored_before_a_swap_are_seen_by_the_new_rules_at_the_next_evaluation() {
        reload.upload(Map.of("churn/quiet.drl", "package test;\n"), "ops@tenure.test");
        TestData account = twoUrgentTickets("Before The Swap");
        intake.accept(account.batch());
        assertThat(playRuns.list(account.id(), null, 10)).isEmpty();

        String alpha = reload.upload(ruleSet("alpha"), "ops@tenure.test").version();
        intake.reevaluate(List.of(account.id()));

        assertThat(playRuns.list(account.id(), null, 10)).singleElement().satisfies(run -> {
            assertThat(run.play()).isEqualTo("alpha-check");
            assertThat(run.why().ruleSetVersion()).isEqualTo(alpha);
            assertThat(run.why().matchedFacts()).containsKey("ticketLoad");
        });
    }

    @Test
    void evaluations_during_swaps_each_use_one_whole_rule_set() throws Exception {
        String alpha = reload.upload(ruleSet("alpha"), "ops@tenure.test").version();
        String beta = reload.upload(ruleSet("beta"), "ops@tenure.test").version();
        AtomicBoolean evaluating = new AtomicBoolean(true);
        ExecutorService swapper = Executors.newSingleThreadExecutor();

        CompletableFuture<Integer> swaps = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (evaluating.get()) {
                reload.rollback(n++ % 2 == 0 ? alpha : beta, "ops@tenure.test");
            }
            return n;
        }, swapper);
        List<TestData> accounts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            TestData account = twoUrgentTickets("Mid Swap " + i);
            intake.accept(account.batch());
            accounts.add(account);
        }
        evaluating.set(false);
        assertThat(swaps.get()).isPositive();
        swapper.shutdown();

        List<PlayRunView> runs = accounts.stream().map(a -> playRuns.list(a.id(), null, 10)).flatMap(List::stream).toList();
        assertThat(runs).hasSize(accounts.size()).allSatisfy(run -> {
            String name = run.why().ruleSetVersion().equals(alpha) ? "alpha" : "beta";
            assertThat(run.why().ruleSetVersion()).isIn(alpha, beta);
            assertThat(run.play()).isEqualTo(name + "-check");
            assertThat(run.why().rule()).isEqualTo(name + ": two urgent tickets in 14 days");
        });

        String last = active.get().version();
        TestData after = twoUrgentTickets("After The Swaps");
        intake.accept(after.batch());
        assertThat(playRuns.list(after.id(), null, 10)).singleElement()
                .satisfies(run -> assertThat(run.why().ruleSetVersion()).isEqualTo(last));
    }
}
