package dev.tenure.engine.tasks;

import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunState;
import dev.tenure.engine.plays.StartGuard;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a CSM does with their tasks: list, complete with an outcome, snooze, hand over to a colleague,
 * move to another due date (one task or many at once, e.g. before a holiday), take back a completion made
 * a moment ago. Each change is on the account's timeline.
 */
@Service
public class Inbox {

    /** How long after a completion it may be taken back: an undo for a slip of the hand, not a way to reopen work. */
    public static final Duration UNDO_WINDOW = Duration.ofMinutes(10);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Tasks tasks;
    private final Timeline timeline;
    private final Clock clock;
    private final PlayRuns runs;
    private final StartGuard guard;

    public Inbox(Tasks tasks, Timeline timeline, Clock clock, PlayRuns runs, StartGuard guard) {
        this.tasks = tasks;
        this.timeline = timeline;
        this.clock = clock;
        this.runs = runs;
        this.guard = guard;
    }

    public List<Task> list(TaskQuery query) {
        return tasks.list(query);
    }

    /** The tasks the query asks for, most urgent first, from the {@code offset}-th. */
    public List<Task> list(TaskQuery query, long offset) {
        return tasks.list(query, offset);
    }

    /** How many tasks the query matches, whatever its limit. */
    public long count(TaskQuery query) {
        return tasks.count(query);
    }

    /** The owner's open tasks the filter lets through, most urgent first; overdue ones are due before now. */
    public List<Task> open(InboxFilter filter) {
        return tasks.open(filter, clock.instant());
    }

    /** Whether {@code owner} holds a task at the account, as {@link Tasks#holdsTaskAt} tells. */
    public boolean holdsTaskAt(String owner, String accountId) {
        return tasks.holdsTaskAt(owner, accountId);
    }

    /** The owner's done tasks, the latest completed first. */
    public List<Task> done(String owner, int limit) {
        return tasks.done(owner, limit);
    }

    /** The owner's snoozed tasks, the first to come back first. */
    public List<Task> snoozed(String owner, int limit) {
        return tasks.snoozed(owner, limit);
    }

    /**
     * The open tasks that ask for the same thing as this one ({@link Task#alike}), itself first if open, most
     * urgent first.
     */
    public List<Task> alike(long id) {
        return tasks.openAlike(get(id));
    }

    public List<String> openTaskPlays(String owner) {
        return tasks.openTaskPlays(owner);
    }

    /** Open tasks of the owner newer than the given task id, for an inbox that is already showing the rest. */
    public List<Task> openSince(String owner, long afterId) {
        return tasks.openSince(owner, afterId);
    }

    /** The id of the owner's newest task not done yet (0 for none): where a poll for new ones starts. */
    public long newestOpenTaskId(String owner) {
        return tasks.newestOpenId(owner);
    }

    public Instant now() {
        return clock.instant();
    }

    public Task get(long id) {
        return tasks.find(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    /** Completing a done task again is refused, so the first outcome stands. */
    @Transactional
    public Task complete(long id, TaskOutcome outcome, String note) {
        RecordBounds.require("note", RecordBounds.freeTextProblem(note));
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

    /**
     * Completes the task and every open task alike to it ({@link Task#alike}) with the same outcome and note:
     * duplicates of one piece of work are done when the work is. The task itself first, then the others.
     */
    @Transactional
    public List<Task> completeAlike(long id, TaskOutcome outcome, String note) {
        List<Task> others = alike(id).stream().filter(t -> t.id() != id).toList();
        List<Task> done = new ArrayList<>();
        done.add(complete(id, outcome, note));
        for (Task other : others) {
            done.add(complete(other.id(), outcome, note));
        }
        return done;
    }

    /**
     * Takes back completions made within {@link #UNDO_WINDOW}: the tasks are open again, without outcome or
     * note, and the timeline says who took the completion back. A task not done, or done longer ago, is
     * refused and nothing changes; so is a task of a play that is not for its account's stage now (a customer
     * play's once the account churned, however it was closed), naming the account and why.
     */
    @Transactional
    public List<Task> reopen(List<Long> ids, String by) {
        Instant now = clock.instant();
        List<Task> reopened = new ArrayList<>();
        for (long id : ids) {
            Task task = get(id);
            Optional<String> closed = playNoLongerFor(task);
            if (closed.isPresent()) {
                throw new IllegalStateException("task " + id + " of account " + task.accountName() + " (" + task.accountId()
                        + ") stays done: " + closed.get());
            }
            if (!tasks.reopen(id, now.minus(UNDO_WINDOW))) {
                throw new IllegalStateException(task.status() == TaskStatus.DONE
                        ? "task " + id + " was completed more than " + UNDO_WINDOW.toMinutes() + " minutes ago; it stays done"
                        : "task " + id + " is not done");
            }
            timeline.record(new TimelineEntry(task.accountId(), now, "task.reopened",
                    "Task \"" + task.title() + "\" reopened: its completion (" + task.outcome() + ") was taken back" + by(by),
                    "task:" + id));
            reopened.add(get(id));
        }
        return reopened;
    }

    /**
     * Why a task of a play may not be open again: its account is not one the play is for now. Asked of the start
     * guard, which holds the account's row until the transaction ends, so a churn being written meanwhile waits and
     * then closes the task again. A task made by hand is the CSM's own: never.
     */
    private Optional<String> playNoLongerFor(Task task) {
        if (task.runId() == null) {
            return Optional.empty();
        }
        Audience audience = runs.state(task.runId()).map(RunState::audience).orElse(Audience.ACTIVE);
        return Optional.ofNullable(guard.lifecycleRefusals(List.of(task.accountId()), audience).get(task.accountId()));
    }

    /**
     * Records which items of an open task's checklist are ticked off (positions from 0), replacing what was
     * ticked before; the count goes on the timeline. A position the checklist does not have is refused.
     */
    @Transactional
    public Task tick(long id, Set<Integer> done, String by) {
        Task task = get(id);
        for (int position : done) {
            if (position < 0 || position >= task.checklist().size()) {
                throw new IllegalArgumentException("done: task " + id + " has no checklist item " + position
                        + " (its checklist has " + task.checklist().size() + ")");
            }
        }
        if (!tasks.tick(id, done)) {
            throw new IllegalStateException("task " + id + " is already done");
        }
        timeline.record(new TimelineEntry(task.accountId(), clock.instant(), "task.checklist",
                "Checklist of task \"" + task.title() + "\": " + done.size() + " of " + task.checklist().size()
                        + " done" + by(by), "task:" + id));
        return get(id);
    }

    /** Hands open tasks to another owner (an email address); done ones are left as they are. */
    @Transactional
    public List<Task> reassign(List<Long> ids, String newOwner, String by) {
        String owner = requireAddress("owner", newOwner);
        Instant now = clock.instant();
        List<Task> changed = new ArrayList<>();
        for (long id : ids) {
            Task task = get(id);
            if (!task.owner().equalsIgnoreCase(owner) && tasks.reassign(id, owner)) {
                timeline.record(new TimelineEntry(task.accountId(), now, "task.reassigned",
                        "Task \"" + task.title() + "\" handed from " + task.owner() + " to " + owner + by(by), "task:" + id));
                changed.add(get(id));
            }
        }
        return changed;
    }

    /** Gives open tasks a new due time, ending any snooze; done ones are left as they are. */
    @Transactional
    public List<Task> reschedule(List<Long> ids, Instant dueAt, String by) {
        Instant now = clock.instant();
        if (!dueAt.isAfter(now)) {
            throw new IllegalArgumentException("dueAt must be in the future");
        }
        RecordBounds.require("dueAt", RecordBounds.instantProblem(dueAt));
        List<Task> changed = new ArrayList<>();
        for (long id : ids) {
            Task task = get(id);
            if (tasks.reschedule(id, dueAt)) {
                timeline.record(new TimelineEntry(task.accountId(), now, "task.rescheduled",
                        "Task \"" + task.title() + "\" now due " + dueAt + by(by), "task:" + id));
                changed.add(get(id));
            }
        }
        return changed;
    }

    private static String by(String who) {
        return who == null || who.isBlank() ? "" : " by " + who;
    }

    /** The address lowercased, or a refusal naming the field when it is not an email address. */
    public static String requireAddress(String field, String address) {
        String trimmed = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        RecordBounds.require(field, RecordBounds.nameProblem(trimmed));
        if (!EMAIL.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(field + ": '" + (address == null ? "" : address)
                    + "' is not an email address (name@company.example)");
        }
        return trimmed;
    }

    @Transactional
    public Task snooze(long id, Instant until) {
        Task task = get(id);
        if (!until.isAfter(clock.instant())) {
            throw new IllegalArgumentException("until must be in the future");
        }
        RecordBounds.require("until", RecordBounds.instantProblem(until));
        if (!tasks.snooze(id, until)) {
            throw new IllegalStateException("task " + id + " is already done");
        }
        timeline.record(new TimelineEntry(task.accountId(), clock.instant(), "task.snoozed",
                "Task \"" + task.title() + "\" snoozed until " + until, "task:" + id));
        return get(id);
    }
}
