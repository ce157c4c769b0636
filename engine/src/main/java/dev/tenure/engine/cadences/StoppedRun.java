package dev.tenure.engine.cadences;

import java.time.LocalDate;
import java.util.Set;

/**
 * An occurrence's run that the account's churn stopped and that no run redoes yet. Once the account is active again
 * the occurrence is written again, as a run that redoes this one, without the steps whose turn already came.
 *
 * @param taken the positions of the steps that were done, skipped or failed, in this run or an earlier one of the
 *              occurrence: only steps the churn stopped are run again
 */
record StoppedRun(long runId, LocalDate occursOn, Set<Integer> taken) {
}
