package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;

/** An account's stage changed from {@code from} (null when the account first appeared) to {@code to}. */
public record StageChange(long id, String accountId, Stage from, Stage to, Instant occurredAt, ChangeOrigin origin,
                          String cause) {
}
