package dev.tenure.engine.cadences;

import dev.tenure.engine.vocabulary.Account;

import java.time.LocalDate;
import java.util.List;

/**
 * An occurrence of a cadence for one account, with its steps placed, ready to be written; {@code redoes} is the run
 * of the same occurrence the account's churn stopped, when this one is written again for it, else null.
 */
record PlannedOccurrence(Account account, LocalDate occursOn, List<PlannedStep> steps, Long redoes) {
}
