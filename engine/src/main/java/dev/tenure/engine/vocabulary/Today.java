package dev.tenure.engine.vocabulary;

import java.time.Instant;
import java.time.LocalDate;

/** The moment of the evaluation, so time-based rules need no clock of their own. */
public record Today(LocalDate date, Instant now) {
}
