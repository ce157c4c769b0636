package dev.tenure.engine.tasks;

/** No task has this id. */
public class TaskNotFoundException extends RuntimeException {
    public TaskNotFoundException(long id) {
        super("task " + id + " does not exist");
    }
}
