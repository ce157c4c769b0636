package dev.tenure.engine.tasks;

import dev.tenure.engine.plays.Why;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A task in an owner's inbox, with why it exists (null only for tasks made by hand), the play that made
 * it (its id, null likewise), the play step's checklist (empty when the step has none), the positions
 * of the checklist items ticked off so far, and the position of the play step that made it (null when no
 * step did).
 */
public record Task(long id, String accountId, String accountName, Long runId, String owner, String title, String details,
                   String priority, TaskStatus status, Instant dueAt, Instant snoozedUntil, TaskOutcome outcome,
                   String note, Instant createdAt, Instant completedAt, Why why, String play, List<String> checklist,
                   Set<Integer> checklistDone, Integer stepPosition) {

    public Task {
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
        checklistDone = checklistDone == null ? Set.of() : Set.copyOf(checklistDone);
    }

    /** Whether the checklist item at this position is ticked off. */
    public boolean ticked(int position) {
        return checklistDone.contains(position);
    }

    /**
     * Whether the other task asks for the same thing: the same play's same step for the same account, in the
     * same inbox. A play that started again before its task was done leaves such duplicates; tasks made by
     * hand are never alike.
     */
    public boolean alike(Task other) {
        return play != null && play.equals(other.play) && accountId.equals(other.accountId)
                && owner.equals(other.owner) && Objects.equals(stepPosition, other.stepPosition);
    }

    /** Open, and its due time has passed. */
    public boolean overdueAt(Instant now) {
        return status != TaskStatus.DONE && dueAt.isBefore(now);
    }
}
