package dev.tenure.engine.tasks;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.schedule.StepRunner;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A customer who cancels leaves no task behind: the plays for customers stop, and the tasks they put in the CSM's
 * inbox are closed with the outcome CHURNED, so neither the inbox nor the weekly digest asks anyone to save them. A
 * customer who comes back leaves no win-back task behind either: it is closed as SAVED. Either way the account's
 * timeline says which task was closed and why.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class TasksOfAChurnedAccountIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    Inbox inbox;
    @Autowired
    Tasks tasks;
    @Autowired
    PlayRuns runs;
    @Autowired
    StepRunner runner;
    @Autowired
    Timeline timeline;

    @Test
    void given_a_call_back_task_in_the_inbox_when_the_customer_cancels_then_the_task_is_closed_as_churned() {
        TestData unhappy = TestData.account("Unhappy Then Gone", Segment.HIGH_TOUCH).nps(2, 0);
        intake.accept(unhappy.batch());
        TaskQuery ofTheAccount = new TaskQuery(null, unhappy.id(), null, null, 10);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.list(ofTheAccount).size() == 1);
        Task callBack = inbox.list(ofTheAccount).get(0);
        assertThat(tasks.countOpen(callBack.owner(), TestClock.now()).open()).isEqualTo(1);

        intake.accept(unhappy.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());

        Task closed = inbox.get(callBack.id());
        assertThat(closed.status()).isEqualTo(TaskStatus.DONE);
        assertThat(closed.outcome()).isEqualTo(TaskOutcome.CHURNED);
        assertThat(closed.note()).isEqualTo("closed: the account churned");
        assertThat(tasks.countOpen(callBack.owner(), TestClock.now()).open()).isZero();
    }

    @Test
    void given_a_win_back_call_in_the_inbox_when_the_customer_subscribes_again_then_the_task_is_closed_as_saved_saying_why() {
        TestData gone = TestData.account("Gone Then Won Back", Segment.HIGH_TOUCH).billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0);
        intake.accept(gone.batch());
        List<PlayRunView> started = runs.list(gone.id(), null, 10);
        assertThat(started).extracting(PlayRunView::play).containsExactly("win-back");
        PlayRunView winBack = started.get(0);
        assertThat(winBack.status()).isEqualTo(RunStatus.RUNNING);
        // The call is due three weeks after the cancellation: the runner is made to carry it out now.
        assertThat(runner.runOne(runs.steps(winBack.id()).get(0).id())).isEqualTo(1);
        Task call = inbox.list(new TaskQuery(null, gone.id(), null, null, 10)).get(0);
        assertThat(call.title()).startsWith("Win-back call with Gone Then Won Back");
        assertThat(call.status()).isEqualTo(TaskStatus.OPEN);

        intake.accept(gone.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 0).batch());

        Task closed = inbox.get(call.id());
        assertThat(closed.status()).isEqualTo(TaskStatus.DONE);
        assertThat(closed.outcome()).isEqualTo(TaskOutcome.SAVED);
        assertThat(closed.note()).isEqualTo("closed: the account was reactivated");
        assertThat(tasks.countOpen(call.owner(), TestClock.now()).open()).isZero();
        assertThat(runs.find(winBack.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        List<TimelineEntry> entries = timeline.of(gone.id(), 50);
        assertThat(entries).extracting(TimelineEntry::summary)
                .contains("Play \"Win back a cancelled customer\" stopped: the account was reactivated");
        assertThat(entries).filteredOn(e -> ("task:" + call.id()).equals(e.ref()) && e.type().equals("task.completed"))
                .singleElement().extracting(TimelineEntry::summary)
                .isEqualTo("Task \"" + call.title() + "\" closed: SAVED — the account was reactivated");
    }

    @Test
    void given_a_task_the_churn_closed_when_its_completion_is_taken_back_then_that_is_refused_naming_the_account_and_why() {
        TestData unhappy = TestData.account("Gone Then Undone", Segment.HIGH_TOUCH).nps(2, 0);
        Task callBack = callBackTask(unhappy);
        intake.accept(unhappy.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());

        // The churn closed it a moment ago, well within the undo window.
        assertThatThrownBy(() -> inbox.reopen(List.of(callBack.id()), "csm@tenure.test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("task " + callBack.id() + " of account Gone Then Undone (" + unhappy.id()
                        + ") stays done: the account churned");
        assertThat(inbox.get(callBack.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(tasks.countOpen(callBack.owner(), TestClock.now()).open()).isZero();
    }

    @Test
    void given_a_task_completed_a_moment_before_the_customer_cancelled_then_its_completion_cannot_be_taken_back_after() {
        TestData unhappy = TestData.account("Done Then Gone", Segment.HIGH_TOUCH).nps(2, 0);
        Task callBack = callBackTask(unhappy);
        inbox.complete(callBack.id(), TaskOutcome.NO_ACTION, "left a message");
        intake.accept(unhappy.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());

        assertThatThrownBy(() -> inbox.reopen(List.of(callBack.id()), "csm@tenure.test"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(unhappy.id()).hasMessageEndingWith("the account churned");
        assertThat(inbox.get(callBack.id()).status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void given_a_task_completed_a_moment_ago_at_an_active_account_then_its_completion_is_taken_back() {
        TestData unhappy = TestData.account("Done And Undone", Segment.HIGH_TOUCH).nps(2, 0);
        Task callBack = callBackTask(unhappy);
        inbox.complete(callBack.id(), TaskOutcome.NO_ACTION, "wrong task");

        assertThat(inbox.reopen(List.of(callBack.id()), "csm@tenure.test")).singleElement()
                .satisfies(task -> assertThat(task.status()).isEqualTo(TaskStatus.OPEN));
    }

    /** The call-back task the NPS rule gives the CSM of a detractor account. */
    private Task callBackTask(TestData unhappy) {
        intake.accept(unhappy.batch());
        TaskQuery ofTheAccount = new TaskQuery(null, unhappy.id(), null, null, 10);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.list(ofTheAccount).size() == 1);
        return inbox.list(ofTheAccount).get(0);
    }
}

