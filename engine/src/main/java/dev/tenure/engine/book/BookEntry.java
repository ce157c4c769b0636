package dev.tenure.engine.book;

import dev.tenure.engine.vocabulary.Account;

import java.time.Instant;

/**
 * One account of a book: its latest health score and band (null before the first score), when it was last
 * heard from (its latest signal or day of usage; null if never), and its open and overdue tasks.
 */
public record BookEntry(Account account, Integer health, String band, Instant lastActivity, int openTasks, int overdueTasks) {
}
