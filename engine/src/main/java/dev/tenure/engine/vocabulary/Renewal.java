package dev.tenure.engine.vocabulary;

import java.time.LocalDate;

/** The account's next renewal date and how many days away it is. */
public record Renewal(String accountId, LocalDate renewalOn, long daysUntil) {
}
