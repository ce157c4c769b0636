package dev.tenure.engine.tasks;

import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.plays.RunsStopped;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/**
 * An account that churned leaves no task of a play for customers behind, whether its run was stopped or had
 * finished: each open one is done, with the outcome CHURNED and the reason as its note, so no inbox, overdue count or
 * weekly digest asks a CSM to save a customer who has left. When the customer comes back, the win-back play's tasks
 * close the same way, as SAVED. Tasks made by hand stay: they are the CSM's own. Each task closed is on the account's
 * timeline ({@code task.completed}) with its outcome and why, as a task a CSM completes is: the stopped run's
 * {@code play.stopped} entry does not say which tasks went with it.
 */
@Component
class StoppedRunTasks {

    private final Tasks tasks;
    private final Timeline timeline;

    StoppedRunTasks(Tasks tasks, Timeline timeline) {
        this.tasks = tasks;
        this.timeline = timeline;
    }

    /** In the transaction that moved the account: the stage and the closed tasks commit together. */
    @EventListener
    void close(RunsStopped stopped) {
        TaskOutcome outcome = stopped.stage().active() ? TaskOutcome.SAVED : TaskOutcome.CHURNED;
        List<Tasks.Closed> closed = tasks.completeForPlays(stopped.accountId(),
                Arrays.stream(Audience.values()).filter(a -> !a.admits(stopped.stage())).toList(),
                outcome, "closed: " + stopped.reason(), stopped.at());
        timeline.recordAll(closed.stream().map(task -> new TimelineEntry(stopped.accountId(), stopped.at(), "task.completed",
                "Task \"" + task.title() + "\" closed: " + outcome + " — " + stopped.reason(), "task:" + task.id())).toList());
    }
}
