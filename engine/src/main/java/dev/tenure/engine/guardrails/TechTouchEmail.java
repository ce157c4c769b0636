package dev.tenure.engine.guardrails;

import dev.tenure.engine.plays.SendWindow;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A tech-touch email about to go out: a play step's email to a customer contact.
 *
 * @param stepId    the step; its own earlier attempts do not count against the limits
 * @param accountId the account the contact belongs to
 * @param playName  the play, for the timeline
 * @param address   the recipient's address (compared lowercased)
 * @param dueAt     when the step was due, for the tolerance of an {@code at:} time
 * @param window    the step's send window
 * @param zone      the recipient's time zone, for the window
 */
public record TechTouchEmail(long stepId, String accountId, String playName, String address, Instant dueAt,
                            SendWindow window, ZoneId zone) {
}
