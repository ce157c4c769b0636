package dev.tenure.engine.tasks;

/** How many open (not snoozed) tasks an owner has, and how many of them are overdue: all of them, not a page. */
public record OpenCount(int open, int overdue) {
}
