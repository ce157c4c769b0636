package dev.tenure.engine.tasks;

import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.plays.RunsStopped;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Arrays;

/**
 * An account that churned leaves no task of a play for customers behind, whether its run was stopped or had
 * finished: each open one is done, with the outcome CHURNED and the reason as its note, so no inbox, overdue count or
 * weekly digest asks a CSM to save a customer who has left. When the customer comes back, the win-back play's tasks
 * close the same way, as SAVED. Tasks made by hand stay: they are the CSM's own.
 */
@Component
class StoppedRunTasks {

    private final Tasks tasks;

    StoppedRunTasks(Tasks tasks) {
        this.tasks = tasks;
    }

    /** In the transaction that moved the account: the stage and the closed tasks commit together. */
    @EventListener
    void close(RunsStopped stopped) {
        TaskOutcome outcome = stopped.stage().active() ? TaskOutcome.SAVED : TaskOutcome.CHURNED;
        tasks.completeForPlays(stopped.accountId(), Arrays.stream(Audience.values()).filter(a -> !a.admits(stopped.stage())).toList(),
                outcome, "closed: " + stopped.reason(), stopped.at());
    }
}
