package dev.tenure.api.inbox;

import dev.tenure.api.why.WhyView;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskOutcome;
import dev.tenure.engine.tasks.TaskStatus;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A task as the API answers it: whose, for which account, when due, how it ended, why it exists, its checklist. */
public record TaskView(long id, String accountId, String accountName, Long runId, String owner, String title, String details,
                       String priority, TaskStatus status, Instant dueAt, Instant snoozedUntil, TaskOutcome outcome,
                       String note, Instant createdAt, Instant completedAt, WhyView why, String play, List<String> checklist,
                       Set<Integer> checklistDone, Integer stepPosition) {

    public static TaskView of(Task t) {
        return new TaskView(t.id(), t.accountId(), t.accountName(), t.runId(), t.owner(), t.title(), t.details(), t.priority(),
                t.status(), t.dueAt(), t.snoozedUntil(), t.outcome(), t.note(), t.createdAt(), t.completedAt(), WhyView.of(t.why()),
                t.play(), t.checklist(), t.checklistDone(), t.stepPosition());
    }
}
