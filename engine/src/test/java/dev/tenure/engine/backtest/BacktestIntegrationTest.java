package dev.tenure.engine.backtest;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.tenure.engine.backtest.BacktestFixture.DETRACTOR;
import static dev.tenure.engine.backtest.BacktestFixture.FROM;
import static dev.tenure.engine.backtest.BacktestFixture.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The hand-computed fixture stored in PostgreSQL and replayed from there: the same report as in memory,
 * progress reported, and nothing written. No other test stores signals in 2011.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class BacktestIntegrationTest {

    @Autowired
    Backtests backtests;
    @Autowired
    CandidateRuleSets ruleSets;
    @Autowired
    Tunings tunings;
    @Autowired
    Intake intake;
    @Autowired
    JdbcClient jdbc;

    @Test
    void given_the_fixture_stored_then_a_backtest_reports_what_the_in_memory_replay_reports_and_writes_nothing() {
        BacktestFixture fixture = new BacktestFixture(UUID.randomUUID().toString().substring(0, 8));
        intake.accept(fixture.batch());
        // Storing evaluated the accounts now (B's payment failed: a live play); let its steps settle first.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM play_run WHERE account_id = ? AND status = 'RUNNING'").param(fixture.b).query(Long.class).single() == 0);
        List<Long> before = writtenFor(fixture);
        List<long[]> progress = new ArrayList<>();
        RuleSet rules = ruleSets.compile(BacktestFixture.rules());

        BacktestReport report = backtests.run(rules, FROM, TO, (replayed, total) -> progress.add(new long[]{replayed, total}));

        BacktestReport inMemory = fixture.replayInMemory(2);
        // The stored backtest replays every account of the database (other tests' too, all quiet in 2011), the
        // in-memory one the fixture's two: only the count of healthy accounts, and the rate over them, differ.
        String[] everyAccount = {"churn.healthyAccounts", "churn.alertsPerHealthyAccountMonth"};
        assertThat(report.rules()).usingRecursiveComparison().ignoringFields(everyAccount).isEqualTo(inMemory.rules());
        assertThat(report.churnRules()).usingRecursiveComparison()
                .ignoringFields("healthyAccounts", "alertsPerHealthyAccountMonth").isEqualTo(inMemory.churnRules());
        assertThat(report.churnRules().healthyAccounts()).isEqualTo(report.accounts() - report.churnRules().cancelledAccounts());
        assertThat(report.signalsReplayed()).isEqualTo(12);
        assertThat(report.historySignals()).isEqualTo(2);
        assertThat(HandComputedBacktestUnitTest.rule(report, DETRACTOR).churn().medianLeadDays()).isEqualTo(22.5);
        assertThat(progress.get(0)).containsExactly(0, 12);
        assertThat(progress.get(progress.size() - 1)).containsExactly(12, 12);
        assertThat(writtenFor(fixture)).as("play runs, steps, health scores, milestones, timeline").isEqualTo(before);
    }

    @Test
    void a_period_that_ends_before_it_starts_is_refused() {
        RuleSet rules = ruleSets.active();

        assertThatThrownBy(() -> backtests.run(rules, TO, FROM, BacktestProgress.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("to: ");
    }

    @Test
    void a_period_that_runs_past_now_is_refused_whoever_asks() {
        RuleSet rules = ruleSets.active();
        Instant now = TestClock.now();

        Instant from = now.minus(Duration.ofDays(7));
        Instant to = now.plus(Duration.ofDays(1));

        assertThatThrownBy(() -> backtests.run(rules, from, to, BacktestProgress.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("to: " + to + " is after now (")
                .hasMessageEndingWith("): only the past can be replayed");
        assertThatThrownBy(() -> tunings.run(rules, tunings.plan(rules, tunings.tuningFile()), from, to, 90, BacktestProgress.none()))
                .as("a tuning replays too")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("to: " + to + " is after now (");
    }

    @Test
    void an_unknown_version_is_named() {
        assertThatThrownBy(() -> ruleSets.version("no-such-version"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("version: no rule set 'no-such-version' is stored");
    }

    @Test
    void a_stored_version_compiles_again_into_the_same_rules() {
        RuleSet active = ruleSets.active();
        RuleSet other = ruleSets.compile(BacktestFixture.rules());
        jdbc.sql("INSERT INTO rule_set (version, files, rules) VALUES (?, ?::jsonb, '[]'::jsonb) ON CONFLICT DO NOTHING")
                .params(other.version(), filesJson(other)).update();

        RuleSet stored = ruleSets.version(other.version());

        assertThat(stored.version()).isEqualTo(other.version()).isNotEqualTo(active.version());
        assertThat(stored.ruleNames()).containsExactlyElementsOf(other.ruleNames());
    }

    private static String filesJson(RuleSet rules) {
        StringBuilder json = new StringBuilder("{");
        rules.files().files().forEach(f -> json.append(json.length() > 1 ? "," : "")
                .append(quote(f.path())).append(':').append(quote(f.content())));
        return json.append('}').toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private List<Long> writtenFor(BacktestFixture fixture) {
        String[] ids = fixture.accounts().stream().map(a -> a.id()).toArray(String[]::new);
        List<Long> counts = new ArrayList<>();
        for (String table : List.of("play_run", "play_step", "health_score", "milestone", "timeline_entry")) {
            counts.add(jdbc.sql("SELECT count(*) FROM " + table + " WHERE account_id = ANY(?)").param(ids).query(Long.class).single());
        }
        counts.add(jdbc.sql("SELECT count(*) FROM account WHERE id = ANY(?) AND stage = 'VALUE'").param(ids).query(Long.class).single());
        return counts;
    }
}
