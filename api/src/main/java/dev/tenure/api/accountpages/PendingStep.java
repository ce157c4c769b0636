package dev.tenure.api.accountpages;

import java.time.Instant;

/** A running play's step still to come, with its title as its task will read ({@code StepTexts}) or its email's template. */
record PendingStep(long id, String type, String title, Instant dueAt, boolean paused) {
}
