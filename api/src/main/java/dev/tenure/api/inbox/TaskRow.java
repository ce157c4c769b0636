package dev.tenure.api.inbox;

import dev.tenure.engine.tasks.Task;

import java.util.List;

/**
 * A row of the inbox: a task, whether it is overdue and by how long in words, and the other open tasks
 * alike to it (the same play's step for the same account), which the row stands for too.
 */
record TaskRow(Task task, boolean overdue, String overdueBy, List<Task> alike) {

    /** How many tasks the row stands for. */
    public int count() {
        return 1 + alike.size();
    }

    /** Which group of the inbox the row belongs in. */
    public String group() {
        return overdue ? "overdue" : task.priority().toLowerCase(java.util.Locale.ROOT);
    }
}
