package dev.tenure.engine.guardrails;

import dev.tenure.engine.plays.SendWindow;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A tech-touch email about to go out: a play step's email to a customer contact.
 *
 * @param stepId    the step; its own earlier attempts do not count against the limits
 * @param address   the recipient's address
 * @param dueAt     when the step was due
 * @param window    the step's send window
 * @param zone      the recipient's time zone, for the window
 */
public record OutgoingEmail(long stepId, String accountId, String playName, String address, Instant dueAt,
                            SendWindow window, ZoneId zone) {
}
