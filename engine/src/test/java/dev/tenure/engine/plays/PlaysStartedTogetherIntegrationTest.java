package dev.tenure.engine.plays;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group of accounts starts its plays in one go, and each start is judged as if started on its own: against
 * the runs stored and against the starts before it in the same group.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class PlaysStartedTogetherIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    PlayRuns runs;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonColumns json;
    @Autowired
    Accounts accounts;
    @Autowired
    Contacts contacts;
    @Autowired
    EngineProperties engine;
    @Autowired
    SendWindowProperties sendWindow;
    @Autowired
    StartGuard guard;

    private final String playId = "together-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void given_a_running_play_a_recent_run_and_a_fresh_account_asked_twice_then_only_the_fresh_account_starts_once() {
        PlayDefinition play = new PlayDefinition(playId, "Save together", null, Span.ofDays(30),
                List.of(TestPlays.task(Span.ZERO, "Call"), TestPlays.task(Span.ofDays(7), "Follow up")), StopWhen.NEVER);
        TestData running = stored("Already Running");
        TestData recent = stored("Recently Done");
        TestData fresh = stored("Fresh Start");
        Instant now = TestClock.now().truncatedTo(ChronoUnit.MILLIS);
        transaction.execute(tx -> runs.start(running.id(), play, why("earlier rule"), now.minus(Duration.ofDays(3))));
        long done = transaction.execute(tx -> runs.start(recent.id(), play, why("earlier rule"), now.minus(Duration.ofDays(10))))
                .orElseThrow().runId();
        jdbc.sql("UPDATE play_run SET status = 'COMPLETED' WHERE id = ?").param(done).update();

        List<Optional<StartedRun>> started = transaction.execute(tx -> runs.startAll(List.of(
                start(running, play, "rule one"), start(fresh, play, "rule one"), start(recent, play, "rule one"),
                start(fresh, play, "rule two")), now));

        assertThat(started).extracting(Optional::isPresent).containsExactly(false, true, false, false);
        StartedRun run = started.get(1).orElseThrow();
        assertThat(run.dueTimes()).containsExactly(now, now.plus(Duration.ofDays(7)));
        assertThat(runs.steps(run.runId())).extracting(PlayStep::position, PlayStep::dueAt, PlayStep::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, now, StepStatus.SCHEDULED),
                org.assertj.core.groups.Tuple.tuple(1, now.plus(Duration.ofDays(7)), StepStatus.SCHEDULED));
        assertThat(runs.why(run.runId()).orElseThrow().rule()).isEqualTo("rule one");
        assertThat(runsOf(fresh)).isEqualTo(1);
        assertThat(runsOf(running)).isEqualTo(1);
        assertThat(runsOf(recent)).isEqualTo(1);
        assertThat(timeline.of(fresh.id(), 10)).extracting(TimelineEntry::type, TimelineEntry::ref)
                .contains(org.assertj.core.groups.Tuple.tuple("play.started", "play:" + run.runId()));
    }

    @Test
    void given_an_account_held_out_of_a_play_then_a_second_start_in_the_same_group_is_within_the_cooldown() {
        PlayDefinition measured = new PlayDefinition(playId, "Measured together", null, Span.ofDays(30),
                List.of(TestPlays.task(Span.ZERO, "Call")), StopWhen.NEVER, null, new Measurement(Span.ofDays(30), 100));
        TestData account = stored("Held Out Twice");
        PlayRuns drawing = new PlayRuns(jdbc, json, timeline, accounts, contacts, engine, sendWindow, guard,
                new HoldoutDraw(new HoldoutProperties(true)));

        List<Optional<StartedRun>> started = transaction.execute(tx -> drawing.startAll(List.of(
                start(account, measured, "rule one"), start(account, measured, "rule two")), TestClock.now()));

        assertThat(started).extracting(Optional::isPresent).containsExactly(false, false);
        assertThat(jdbc.sql("SELECT status, rule_name FROM play_run WHERE account_id = ?").param(account.id())
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list()).containsExactly("HOLDOUT rule one");
        assertThat(timeline.of(account.id(), 10)).extracting(TimelineEntry::type).containsOnlyOnce("play.held-out");
    }

    private TestData stored(String name) {
        TestData account = TestData.account(name, Segment.LOW_TOUCH);
        intake.accept(account.batch());
        return account;
    }

    private PlayStart start(TestData account, PlayDefinition play, String rule) {
        return new PlayStart(accounts.find(account.id()).orElseThrow(), contacts.of(account.id()), play, why(rule));
    }

    private long runsOf(TestData account) {
        return jdbc.sql("SELECT count(*) FROM play_run WHERE account_id = ? AND play_id = ?")
                .params(account.id(), playId).query(Long.class).single();
    }

    private Why why(String rule) {
        return new Why(rule, rules.get().version(), Map.of("Account", "matched"));
    }
}
