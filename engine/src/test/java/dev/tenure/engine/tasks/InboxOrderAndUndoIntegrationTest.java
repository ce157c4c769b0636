package dev.tenure.engine.tasks;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.InboxFixtures;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A CSM's morning: overdue work comes first however low its priority, duplicates of one piece of work are
 * done together, done and snoozed tasks have lists of their own, and a completion made by mistake is taken back.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class InboxOrderAndUndoIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    Inbox inbox;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;

    private final String csm = "morning-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    /** Tasks as this CSM's inbox meets them. */
    InboxFixtures fixtures;

    @BeforeEach
    void anInboxOfTheirOwn() {
        fixtures = new InboxFixtures(intake, inbox, jdbc);
    }

    @Test
    void overdue_tasks_come_first_the_longest_overdue_first_then_the_rest_by_priority_and_due_time() {
        Instant now = TestClock.now();
        Task lowMonthsOverdue = fixtures.made(fixtures.detractorTask(csm, "Order Low Old"), "LOW", now.minus(Duration.ofDays(200)));
        Task normalOverdue = fixtures.made(fixtures.detractorTask(csm, "Order Normal Late"), "NORMAL", now.minus(Duration.ofDays(3)));
        Task highNextWeek = fixtures.made(fixtures.detractorTask(csm, "Order High Soon"), "HIGH", now.plus(Duration.ofDays(6)));
        Task highTomorrow = fixtures.made(fixtures.detractorTask(csm, "Order High Tomorrow"), "HIGH", now.plus(Duration.ofDays(1)));
        Task normalTomorrow = fixtures.made(fixtures.detractorTask(csm, "Order Normal Tomorrow"), "NORMAL", now.plus(Duration.ofDays(1)));

        assertThat(inbox.open(new InboxFilter(csm, null, false, null, null, 100))).extracting(Task::id)
                .containsExactly(lowMonthsOverdue.id(), normalOverdue.id(), highTomorrow.id(), highNextWeek.id(), normalTomorrow.id());
        assertThat(inbox.list(new TaskQuery(csm, null, TaskStatus.OPEN, null, 100))).extracting(Task::id)
                .as("the API lists them in the same order")
                .containsExactly(lowMonthsOverdue.id(), normalOverdue.id(), highTomorrow.id(), highNextWeek.id(), normalTomorrow.id());
    }

    @Test
    void completing_one_of_several_alike_tasks_completes_them_all_and_leaves_other_work_open() {
        Task current = fixtures.detractorTask(csm, "Alike Acme");
        Task stale = fixtures.duplicateOf(current, TestClock.now().minus(Duration.ofDays(40)));
        Task staler = fixtures.duplicateOf(current, TestClock.now().minus(Duration.ofDays(90)));
        Task other = fixtures.detractorTask(csm, "Alike Other");

        assertThat(current.alike(stale)).isTrue();
        assertThat(current.alike(other)).isFalse();
        assertThat(inbox.alike(current.id())).extracting(Task::id).containsExactly(staler.id(), stale.id(), current.id());

        List<Task> done = inbox.completeAlike(current.id(), TaskOutcome.SAVED, "Called once for all three");

        assertThat(done).extracting(Task::id).containsExactly(current.id(), staler.id(), stale.id());
        assertThat(done).extracting(Task::status).containsOnly(TaskStatus.DONE);
        assertThat(done).extracting(Task::note).containsOnly("Called once for all three");
        assertThat(inbox.get(other.id()).status()).isEqualTo(TaskStatus.OPEN);
        assertThat(inbox.done(csm, 10)).extracting(Task::id).contains(current.id(), stale.id(), staler.id()).doesNotContain(other.id());
    }

    @Test
    void a_snoozed_task_is_listed_with_the_snoozed_until_it_comes_back() {
        Task later = fixtures.detractorTask(csm, "Snoozed Later");
        Task sooner = fixtures.detractorTask(csm, "Snoozed Sooner");
        inbox.snooze(later.id(), TestClock.now().plus(Duration.ofDays(5)));
        inbox.snooze(sooner.id(), TestClock.now().plus(Duration.ofDays(2)));

        assertThat(inbox.snoozed(csm, 10)).extracting(Task::id).containsExactly(sooner.id(), later.id());
        assertThat(inbox.open(new InboxFilter(csm, null, false, null, null, 100))).extracting(Task::id)
                .doesNotContain(sooner.id(), later.id());
    }

    @Test
    void a_completion_taken_back_at_once_reopens_the_task_without_its_outcome_and_says_so_on_the_timeline() {
        Task task = fixtures.detractorTask(csm, "Undo Urchin");
        inbox.complete(task.id(), TaskOutcome.CHURNED, "wrong button");

        List<Task> reopened = inbox.reopen(List.of(task.id()), csm);

        assertThat(reopened).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.OPEN);
            assertThat(t.outcome()).isNull();
            assertThat(t.note()).isNull();
            assertThat(t.completedAt()).isNull();
        });
        assertThat(timeline.of(task.accountId(), 5).get(0)).extracting(TimelineEntry::type, TimelineEntry::summary)
                .containsExactly("task.reopened", "Task \"" + task.title() + "\" reopened: its completion (CHURNED) was taken back by " + csm);
        assertThat(inbox.open(new InboxFilter(csm, null, false, null, null, 100))).extracting(Task::id).contains(task.id());
    }

    @Test
    void a_completion_older_than_the_undo_window_or_a_task_never_done_is_not_reopened() {
        Task old = fixtures.detractorTask(csm, "Undo Too Late");
        Task open = fixtures.detractorTask(csm, "Undo Never Done");
        inbox.complete(old.id(), TaskOutcome.SAVED, null);
        jdbc.sql("UPDATE task SET completed_at = ? WHERE id = ?")
                .params(Timestamp.from(TestClock.now().minus(Inbox.UNDO_WINDOW).minusSeconds(1)), old.id()).update();

        assertThatThrownBy(() -> inbox.reopen(List.of(old.id()), csm))
                .hasMessage("task " + old.id() + " was completed more than 10 minutes ago; it stays done");
        assertThatThrownBy(() -> inbox.reopen(List.of(open.id()), csm)).hasMessage("task " + open.id() + " is not done");
        assertThat(inbox.get(old.id()).status()).isEqualTo(TaskStatus.DONE);
    }
}
