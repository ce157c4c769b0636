package dev.tenure.api.inbox;

import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.api.people.Visibility;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.api.timezone.ZonedTimes;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskOutcome;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
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
@Tag(name = "Tasks", description = "The CSM inbox: list tasks, complete, snooze, hand over, reopen, tick off checklists.")
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

    @Operation(summary = "List tasks, most urgent first")
    @GetMapping
    ApiPage<TaskView> list(@RequestParam(required = false) String owner, @RequestParam(required = false) String accountId,
                    @RequestParam(required = false) TaskStatus status,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueBefore,
                    @ParameterObject PageQuery paging) {
        String visibleOwner = visibility.narrowTo(owner, "tasks").orElse(null);
        TaskQuery query = new TaskQuery(visibleOwner, accountId, status, dueBefore, paging.size());
        return ApiPage.of(inbox.list(query, paging.offset()), inbox.count(query), paging).map(TaskView::of);
    }

    @Operation(summary = "Read one task")
    @GetMapping("/{id}")
    TaskView get(@PathVariable long id) {
        return TaskView.of(visible(id));
    }

    private Task visible(long id) {
        Task task = inbox.get(id);
        visibility.requireTask(task);
        return task;
    }

    @Operation(summary = "Complete a task with an outcome")
    @PostMapping("/{id}/complete")
    TaskView complete(@PathVariable long id, @Valid @RequestBody Completion body) {
        visible(id);
        return TaskView.of(inbox.complete(id, body.outcome(), body.note()));
    }

    @Operation(summary = "Snooze a task")
    @PostMapping("/{id}/snooze")
    TaskView snooze(@PathVariable long id, @Valid @RequestBody Snooze body) {
        visible(id);
        return TaskView.of(inbox.snooze(id, body.instant(zones.timesOf(visibility.actor()))));
    }

    /** Hands the task to a colleague: a person who signs in to Tenure and is active, or a 400 naming {@code owner}. */
    @Operation(summary = "Hand a task over to a colleague")
    @PostMapping("/{id}/reassign")
    TaskView reassign(@PathVariable long id, @Valid @RequestBody Handover body) {
        visible(id);
        inbox.reassign(List.of(id), colleagues.require("owner", body.owner()), visibility.actor());
        return TaskView.of(inbox.get(id));
    }

    /** Takes back a completion made within the last minutes ({@link Inbox#UNDO_WINDOW}); 409 when it is older. */
    @Operation(summary = "Take back a recent completion")
    @PostMapping("/{id}/reopen")
    TaskView reopen(@PathVariable long id) {
        visible(id);
        return TaskView.of(inbox.reopen(List.of(id), visibility.actor()).get(0));
    }

    record Handover(String owner) {
    }

    /** The checklist items ticked off, by position from 0; the list replaces what was ticked before. */
    @Operation(summary = "Tick off checklist items")
    @PostMapping("/{id}/checklist")
    TaskView checklist(@PathVariable long id, @Valid @RequestBody Checklist body) {
        visible(id);
        return TaskView.of(inbox.tick(id, Set.copyOf(body.done()), visibility.actor()));
    }

    record Checklist(@NotNull List<@NotNull Integer> done) {
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
