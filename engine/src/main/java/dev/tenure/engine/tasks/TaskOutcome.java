package dev.tenure.engine.tasks;

/** What came of a task, so plays can be measured. */
public enum TaskOutcome { SAVED, CHURNED, EXPANDED, NO_ACTION }
