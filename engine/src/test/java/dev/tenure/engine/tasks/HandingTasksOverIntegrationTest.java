package dev.tenure.engine.tasks;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A CSM going on holiday hands their tasks to a colleague or moves them to after the holiday. */
@SpringBootTest(classes = EngineTestApplication.class)
class HandingTasksOverIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    Inbox inbox;
    @Autowired
    Timeline timeline;

    /** A detractor answer at a high-touch account puts one call-back task, with its checklist, in the CSM's inbox. */
    Task detractorTask(String name) {
        TestData account = TestData.account(name, Segment.HIGH_TOUCH).nps(2, 0);
        intake.accept(account.batch());
        TaskQuery query = new TaskQuery(null, account.id(), null, null, 10);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.list(query).size() == 1);
        return inbox.list(query).get(0);
    }

    @Test
    void tasks_handed_to_a_colleague_leave_the_owners_inbox_and_say_so_on_the_timeline() {
        Task first = detractorTask("Holiday One");
        Task second = detractorTask("Holiday Two");
        String colleague = "Sam.Cover@tenure.test";

        List<Task> changed = inbox.reassign(List.of(first.id(), second.id()), colleague, first.owner());

        assertThat(changed).extracting(Task::owner).containsOnly("sam.cover@tenure.test");
        assertThat(inbox.open(new InboxFilter("sam.cover@tenure.test", null, false, null, null, 100)))
                .extracting(Task::id).contains(first.id(), second.id());
        assertThat(inbox.open(new InboxFilter(first.owner(), null, false, null, null, 1000)))
                .extracting(Task::id).doesNotContain(first.id(), second.id());
        assertThat(timeline.of(first.accountId(), 10)).extracting(TimelineEntry::type).contains("task.reassigned");
        assertThat(timeline.of(second.accountId(), 10).get(0).summary())
                .contains("handed from " + second.owner() + " to sam.cover@tenure.test by " + first.owner());
    }

    @Test
    void rescheduled_tasks_are_due_on_the_new_date_and_a_done_one_is_left_alone() {
        Task open = detractorTask("Resched Open");
        Task done = detractorTask("Resched Done");
        inbox.complete(done.id(), TaskOutcome.SAVED, null);
        Instant after = TestClock.now().plus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        List<Task> changed = inbox.reschedule(List.of(open.id(), done.id()), after, "dana@tenure.test");

        assertThat(changed).extracting(Task::id).containsExactly(open.id());
        assertThat(inbox.get(open.id()).dueAt()).isEqualTo(after);
        assertThat(inbox.get(done.id()).dueAt()).isEqualTo(done.dueAt());
        assertThat(timeline.of(open.accountId(), 10).get(0).type()).isEqualTo("task.rescheduled");
    }

    @Test
    void a_task_carries_its_play_and_the_play_steps_checklist() {
        Task task = detractorTask("Checklist Carrier");

        assertThat(task.play()).isEqualTo("nps-detractor");
        assertThat(task.checklist()).startsWith("Read the comment and the account's open tickets before calling");
    }

    @Test
    void ticking_checklist_items_keeps_them_ticked_says_so_on_the_timeline_and_refuses_an_item_the_list_lacks() {
        Task task = detractorTask("Ticked Tern");

        Task ticked = inbox.tick(task.id(), Set.of(0, 2), "dana@tenure.test");

        assertThat(ticked.checklistDone()).containsExactlyInAnyOrder(0, 2);
        assertThat(ticked.ticked(1)).isFalse();
        assertThat(inbox.get(task.id()).checklistDone()).containsExactlyInAnyOrder(0, 2);
        assertThat(timeline.of(task.accountId(), 20)).extracting(TimelineEntry::summary)
                .contains("Checklist of task \"" + task.title() + "\": 2 of " + task.checklist().size() + " done by dana@tenure.test");
        assertThatThrownBy(() -> inbox.tick(task.id(), Set.of(task.checklist().size()), "dana@tenure.test"))
                .hasMessageContaining("done: task " + task.id() + " has no checklist item " + task.checklist().size());
        assertThat(inbox.tick(task.id(), Set.of(), "dana@tenure.test").checklistDone()).isEmpty();
    }

    @Test
    void the_inbox_filters_by_priority_overdue_account_and_play() {
        Task task = detractorTask("Filterable Fjord");
        String owner = task.owner();

        assertThat(inbox.open(new InboxFilter(owner, "HIGH", false, "filterable fj", "nps-detractor", 1000)))
                .extracting(Task::id).containsExactly(task.id());
        assertThat(inbox.open(new InboxFilter(owner, "LOW", false, "filterable fj", null, 1000))).isEmpty();
        assertThat(inbox.open(new InboxFilter(owner, null, true, "filterable fj", null, 1000))).as("due in two days").isEmpty();
        assertThat(inbox.open(new InboxFilter(owner, null, false, "filterable fj", "failed-payment", 1000))).isEmpty();
        assertThat(inbox.openSince(owner, task.id() - 1)).extracting(Task::id).contains(task.id());
    }

    @Test
    void a_colleague_who_is_not_an_email_address_or_a_date_in_the_past_is_refused() {
        Task task = detractorTask("Refused Handover");

        assertThatThrownBy(() -> inbox.reassign(List.of(task.id()), "sam", "dana@tenure.test"))
                .hasMessage("owner: 'sam' is not an email address (name@company.example)");
        assertThatThrownBy(() -> inbox.reschedule(List.of(task.id()), TestClock.now().minusSeconds(60), "dana@tenure.test"))
                .hasMessage("dueAt must be in the future");
    }
}
