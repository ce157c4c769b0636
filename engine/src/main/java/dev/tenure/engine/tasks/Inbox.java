package dev.tenure.engine.tasks;

import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** What a CSM does with their tasks: list, complete with an outcome, snooze. */
@Service
public class Inbox {

    private final Tasks tasks;
    private final Timeline timeline;
    private final Clock clock;

    public Inbox(Tasks tasks, Timeline timeline, Clock clock) {
        this.tasks = tasks;
        this.timeline = timeline;
        this.clock = clock;
    }

    public List<Task> list(TaskQuery query) {
        return tasks.list(query);
    }

    public Task get(long id) {
        return tasks.find(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    /** Completing a done task again is refused, so the first outcome stands. */
    @Transactional
    public Task complete(long id, TaskOutcome outcome, String note) {
        Task task = get(id);
        Instant now = clock.instant();
        if (!tasks.complete(id, outcome, note, now)) {
            throw new IllegalStateException("task " + id + " is already done");
        }
        timeline.record(new TimelineEntry(task.accountId(), now, "task.completed",
                "Task \"" + task.title() + "\" completed by " + task.owner() + ": " + outcome
                        + (note == null || note.isBlank() ? "" : " — " + note), "task:" + id));
        return get(id);
    }

    @Transactional
    public Task snooze(long id, Instant until) {
        Task task = get(id);
        if (!until.isAfter(clock.instant())) {
            throw new IllegalArgumentException("until must be in the future");
        }
        if (!tasks.snooze(id, until)) {
            throw new IllegalStateException("task " + id + " is already done");
        }
        timeline.record(new TimelineEntry(task.accountId(), clock.instant(), "task.snoozed",
                "Task \"" + task.title() + "\" snoozed until " + until, "task:" + id));
        return get(id);
    }
}
