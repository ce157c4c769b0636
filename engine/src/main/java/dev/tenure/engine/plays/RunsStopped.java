package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.util.List;

/**
 * An account churned or came back, and its runs of plays not for its new stage stopped ({@link PlayRunChanges#stopFor};
 * {@code runIds} may be empty), published in that transaction: what those plays left in people's inboxes, finished
 * runs' tasks included, is closed in the same transaction by the package that keeps it (plays cannot reach it without
 * a ring).
 *
 * @param stage  the stage the account moved to
 * @param reason why, as the runs' steps say it ("the account churned")
 */
public record RunsStopped(String accountId, List<Long> runIds, Stage stage, String reason, Instant at) {

    public RunsStopped {
        runIds = List.copyOf(runIds);
    }
}
