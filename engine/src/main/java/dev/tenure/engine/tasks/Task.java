package dev.tenure.engine.tasks;

import dev.tenure.engine.plays.Why;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A task in an owner's inbox, with why it exists (null only for tasks made by hand), the play that made
 * it (its id, null likewise), the play step's checklist (empty when the step has none) and the positions
 * of the checklist items ticked off so far.
 */
public record Task(long id, String accountId, String accountName, Long runId, String owner, String title, String details,
                   String priority, TaskStatus status, Instant dueAt, Instant snoozedUntil, TaskOutcome outcome,
                   String note, Instant createdAt, Instant completedAt, Why why, String play, List<String> checklist,
                   Set<Integer> checklistDone) {

    public Task {
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
        checklistDone = checklistDone == null ? Set.of() : Set.copyOf(checklistDone);
    }

    /** Whether the checklist item at this position is ticked off. */
    public boolean ticked(int position) {
        return checklistDone.contains(position);
    }

    /** Open, and its due time has passed. */
    public boolean overdueAt(Instant now) {
        return status != TaskStatus.DONE && dueAt.isBefore(now);
    }
}
