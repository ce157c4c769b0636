package dev.tenure.engine.outcomes;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.accounts.Milestones;
import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.HoldoutDraw;
import dev.tenure.engine.plays.HoldoutProperties;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.SendWindowProperties;
import dev.tenure.engine.plays.StartGuard;
import dev.tenure.engine.rules.AccountEvaluator;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.Evaluation;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter usage-drop rule and the starter save play ({@code holdout: 10%}), with holdouts on: at a start
 * whose draw is below 1,000 the account is held out (a HOLDOUT run, no steps, on the timeline, no play
 * started); at one whose draw is 1,000 or more it gets the play. The start times are picked by their draw.
 * <p>
 * Each account used the core feature 100 times a day up to today, so the rules see nothing now; evaluated
 * 21 days from now, it has not used the core feature for 21 days and the rule for an unused core feature fires
 * (a drop that stayed is judged over 28 days, so it would fire a week later).
 */
@SpringBootTest(classes = EngineTestApplication.class)
class HeldOutByTheStarterRulesIntegrationTest {

    private static final String SAVE_PLAY = "save-usage-drop";

    @Autowired
    private dev.tenure.engine.plays.AccountLifecycle lifecycle;

    @Autowired
    Intake intake;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    Accounts accounts;
    @Autowired
    Contacts contacts;
    @Autowired
    FactSets factSets;
    @Autowired
    HealthScores healthScores;
    @Autowired
    Milestones milestones;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonColumns json;
    @Autowired
    EngineProperties engine;
    @Autowired
    SendWindowProperties sendWindow;
    @Autowired
    StartGuard guard;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void an_account_whose_draw_is_below_the_plays_ten_percent_is_held_out_of_the_save_play() {
        TestData account = quietFromNextWeek("Held Out Freight");
        Instant start = startWhereDraw(account.id(), draw -> draw < 1_000);

        Evaluation evaluation = evaluate(account, start);

        assertThat(evaluation.started()).as("no play started").isEmpty();
        assertThat(runs(account)).containsExactly("HOLDOUT 0 steps");
        assertThat(timeline.of(account.id(), 20)).extracting(TimelineEntry::summary)
                .anyMatch(s -> s.startsWith("Held out of \"Save play — core usage drop\" to measure it (rule \"Core feature not used")
                        && s.endsWith("10% of eligible accounts are held out)"));
    }

    @Test
    void an_account_whose_draw_is_at_or_above_it_gets_the_play() {
        TestData account = quietFromNextWeek("Enrolled Freight");
        Instant start = startWhereDraw(account.id(), draw -> draw >= 1_000);

        Evaluation evaluation = evaluate(account, start);

        assertThat(evaluation.started()).hasSize(1);
        assertThat(runs(account)).containsExactly("RUNNING 3 steps");
    }

    private TestData quietFromNextWeek(String name) {
        TestData account = TestData.account(name, Segment.HIGH_TOUCH).usage("core", 40, 0, 100);
        intake.accept(account.batch());
        assertThat(runs(account)).as("steady today").isEmpty();
        return account;
    }

    /** The first whole second from 21 days ahead whose draw for the save play and this account passes. */
    private static Instant startWhereDraw(String accountId, IntPredicate draw) {
        Instant from = TestClock.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(21));
        return Stream.iterate(from, t -> t.plusSeconds(1))
                .filter(t -> draw.test(HoldoutDraw.draw(SAVE_PLAY, accountId, t))).findFirst().orElseThrow();
    }

    private Evaluation evaluate(TestData account, Instant at) {
        PlayRuns drawing = new PlayRuns(jdbc, json, timeline, accounts, contacts, engine, sendWindow, guard,
                new HoldoutDraw(new HoldoutProperties(true)));
        AccountEvaluator evaluator = new AccountEvaluator(rules, accounts, factSets, healthScores, drawing,
                milestones, timeline, lifecycle);
        return transaction.execute(tx -> evaluator.evaluate(account.id(), List.of(), at));
    }

    private List<String> runs(TestData account) {
        return jdbc.sql("""
                        SELECT r.status || ' ' || (SELECT count(*) FROM play_step s WHERE s.run_id = r.id) || ' steps'
                        FROM play_run r WHERE r.account_id = ? AND r.play_id = ?""")
                .params(account.id(), SAVE_PLAY).query(String.class).list();
    }
}
