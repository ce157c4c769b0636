package dev.tenure.engine.vocabulary;

import java.time.LocalDate;

/** The next quarterly business review, every 90 days from the account's start, and how far away it is. */
public record Qbr(String accountId, LocalDate nextOn, long daysUntil) {
}
