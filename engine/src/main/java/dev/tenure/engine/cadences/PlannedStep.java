package dev.tenure.engine.cadences;

import dev.tenure.engine.plays.StepDefinition;

import java.time.Instant;

/** One step of an occurrence placed in time; {@code skipped} says why it will not run, or is null. */
record PlannedStep(int position, StepDefinition step, Instant dueAt, String skipped) {
}
