package dev.tenure.api.inbox;

import dev.tenure.api.people.Visibility;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.api.timezone.ZonedTimes;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskOutcome;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The CSM inbox over REST: list tasks by owner, status and due date (open ones overdue first); complete,
 * snooze, hand over or reopen one. A CSM sees and changes only their own tasks ({@link Visibility}).
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final Inbox inbox;
    private final PersonTimeZones zones;
    private final Visibility visibility;
    private final Colleagues colleagues;

    TaskController(Inbox inbox, PersonTimeZones zones, Visibility visibility, Colleagues colleagues) {
        this.inbox = inbox;
        this.zones = zones;
        this.visibility = visibility;
        this.colleagues = colleagues;
    }

    @GetMapping
    List<Task> list(@RequestParam(required = false) String owner, @RequestParam(required = false) String accountId,
                    @RequestParam(required = false) TaskStatus status,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueBefore,
                    @RequestParam(defaultValue = "100") int limit) {
        String visibleOwner = visibility.narrowTo(owner, "tasks").orElse(null);
        return inbox.list(new TaskQuery(visibleOwner, accountId, status, dueBefore, Math.min(Math.max(limit, 1), 1000)));
    }

    @GetMapping("/{id}")
    Task get(@PathVariable long id) {
        Task task = inbox.get(id);
        visibility.requireTask(task);
        return task;
    }

    @PostMapping("/{id}/complete")
    Task complete(@PathVariable long id, @Valid @RequestBody Completion body) {
        get(id);
        return inbox.complete(id, body.outcome(), body.note());
    }

    @PostMapping("/{id}/snooze")
    Task snooze(@PathVariable long id, @Valid @RequestBody Snooze body) {
        get(id);
        return inbox.snooze(id, body.instant(zones.timesOf(visibility.actor())));
    }

    /** Hands the task to a colleague: a person who signs in to Tenure and is active, or a 400 naming {@code owner}. */
    @PostMapping("/{id}/reassign")
    Task reassign(@PathVariable long id, @Valid @RequestBody Handover body) {
        get(id);
        inbox.reassign(List.of(id), colleagues.require("owner", body.owner()), visibility.actor());
        return inbox.get(id);
    }

    /** Takes back a completion made within the last minutes ({@link Inbox#UNDO_WINDOW}); 409 when it is older. */
    @PostMapping("/{id}/reopen")
    Task reopen(@PathVariable long id) {
        get(id);
        return inbox.reopen(List.of(id), visibility.actor()).get(0);
    }

    record Handover(String owner) {
    }

    /** The checklist items ticked off, by position from 0; the list replaces what was ticked before. */
    @PostMapping("/{id}/checklist")
    Task checklist(@PathVariable long id, @Valid @RequestBody Checklist body) {
        get(id);
        return inbox.tick(id, Set.copyOf(body.done()), visibility.actor());
    }

    record Checklist(@NotNull List<Integer> done) {
    }

    /** How a task ended: SAVED, CHURNED, EXPANDED or NO_ACTION, and a note for the timeline. */
    record Completion(@NotNull TaskOutcome outcome, @Size(max = 4000) String note) {
    }

    /**
     * Until when the task leaves the open list: an instant ({@code 2026-12-01T09:00:00Z}), a date
     * ({@code 2026-12-01}, the start of that day in the caller's time zone, Tenure's default until they choose
     * one), or a {@code preset} as the inbox offers them: {@code tomorrow}, {@code monday}, {@code week}, each
     * at 9:00 in the caller's zone.
     */
    record Snooze(String until, String preset) {

        Instant instant(ZonedTimes times) {
            if (preset != null && !preset.isBlank()) {
                return SnoozePreset.at(preset.strip(), times);
            }
            if (until == null || until.isBlank()) {
                throw new IllegalArgumentException("until: give an instant, a date, or a preset (tomorrow, monday, week)");
            }
            try {
                return until.length() == 10 ? LocalDate.parse(until).atStartOfDay(times.zone()).toInstant() : Instant.parse(until);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("until: '" + until + "' is neither a date (2026-12-01) nor an instant (2026-12-01T09:00:00Z)");
            }
        }
    }
}
