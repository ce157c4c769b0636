package dev.tenure.api.inbox;

import dev.tenure.api.pages.ForbiddenPageException;
import dev.tenure.api.pages.OutcomeChoice;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.PageNotFoundException;
import dev.tenure.api.pages.Viewer;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.api.timezone.ZonedTimes;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.InboxFilter;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskNotFoundException;
import dev.tenure.engine.tasks.TaskOutcome;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The CSM's inbox page: open tasks, overdue ones first and the rest under their priority, alike tasks as
 * one row, with filters; the snoozed and the done ones in views of their own. Complete (and undo it at once),
 * snooze to a preset or a time, and hand over one task, or hand over and move many at once. Times are in
 * the reader's time zone. Every form posts and redirects back (a reload never repeats an action);
 * {@code /inbox/new} gives the rows of tasks that arrived since the page was drawn.
 */
@Page
@RequestMapping("/inbox")
class InboxPage {

    private static final int SHOWN = 200;

    private final Inbox inbox;
    private final PersonTimeZones zones;
    private final Colleagues colleagues;

    InboxPage(Inbox inbox, PersonTimeZones zones, Colleagues colleagues) {
        this.inbox = inbox;
        this.zones = zones;
        this.colleagues = colleagues;
    }

    @GetMapping
    String inbox(HttpServletRequest request, @RequestParam(required = false) String owner,
                 @RequestParam(defaultValue = "open") String view,
                 @RequestParam(required = false) String priority, @RequestParam(defaultValue = "false") boolean overdue,
                 @RequestParam(required = false) String account, @RequestParam(required = false) String play, Model model) {
        Viewer viewer = Viewer.of(request);
        String whose = whose(viewer, owner);
        ZonedTimes times = zones.timesOf(viewer.email());
        InboxView shown = InboxView.of(view);
        InboxFilter filter = new InboxFilter(whose, priority, overdue, account, play, SHOWN);
        model.addAttribute("viewer", viewer);
        model.addAttribute("owner", whose);
        model.addAttribute("view", shown);
        model.addAttribute("times", times);
        model.addAttribute("zoneChosen", zones.chosen(viewer.email()).isPresent());
        model.addAttribute("filter", filter);
        model.addAttribute("filtered", filter.priority() != null || overdue || filter.accountSearch() != null || filter.play() != null);
        model.addAttribute("lastId", inbox.newestOpenTaskId(whose));
        model.addAttribute("views", InboxView.values());
        model.addAttribute("undoMinutes", Inbox.UNDO_WINDOW.toMinutes());
        switch (shown) {
            case OPEN -> {
                List<Task> tasks = inbox.open(filter);
                List<TaskRow> rows = rows(tasks, times);
                model.addAttribute("taskCount", tasks.size());
                model.addAttribute("groups", TaskGroup.of(rows));
                model.addAttribute("plays", inbox.openTaskPlays(whose));
                actionChoices(model, times, whose);
            }
            case SNOOZED -> model.addAttribute("tasks", inbox.snoozed(whose, SHOWN));
            case DONE -> {
                model.addAttribute("tasks", inbox.done(whose, SHOWN));
                model.addAttribute("undoSince", times.now().minus(Inbox.UNDO_WINDOW));
                model.addAttribute("outcomeLabels", OutcomeChoice.all().stream()
                        .collect(Collectors.toMap(o -> o.value().name(), OutcomeChoice::label)));
            }
        }
        return "inbox/inbox";
    }

    /** The rows of open tasks newer than {@code after}, for the page's poll; empty when there are none. */
    @GetMapping("/new")
    String newRows(HttpServletRequest request, @RequestParam(required = false) String owner,
                   @RequestParam(defaultValue = "0") long after, Model model) {
        Viewer viewer = Viewer.of(request);
        String whose = whose(viewer, owner);
        ZonedTimes times = zones.timesOf(viewer.email());
        model.addAttribute("times", times);
        model.addAttribute("rows", rows(inbox.openSince(whose, after), times));
        actionChoices(model, times, whose);
        return "inbox/rows :: new-rows";
    }

    private void actionChoices(Model model, ZonedTimes times, String owner) {
        model.addAttribute("outcomes", OutcomeChoice.all());
        model.addAttribute("presets", SnoozePreset.all(times));
        model.addAttribute("colleagues", colleagues.active().stream().filter(p -> !p.email().equals(owner)).toList());
    }

    /**
     * Completes the task and the open tasks alike to it (the same play's step for the same account), since
     * they ask for the same work; the notice offers to undo it for a few minutes.
     */
    @PostMapping("/tasks/{id}/complete")
    String complete(HttpServletRequest request, @PathVariable long id, @RequestParam(required = false) TaskOutcome outcome,
                    @RequestParam(required = false) String note, RedirectAttributes flash) {
        Task task = ownTask(request, id);
        return act(flash, () -> {
            if (outcome == null) {
                throw new IllegalArgumentException("outcome: choose what came of the task");
            }
            List<Task> done = inbox.completeAlike(id, outcome, note);
            flash.addFlashAttribute("undo", done.stream().map(Task::id).toList());
            int others = done.size() - 1;
            return "Completed \"" + task.title() + "\"" + (others == 0 ? "" : " and " + others + " alike task" + (others == 1 ? "" : "s"))
                    + " (" + OutcomeChoice.label(outcome) + ").";
        });
    }

    /** Takes back a completion made a moment ago: the tasks are open again. */
    @PostMapping("/undo")
    String undo(HttpServletRequest request, @RequestParam(name = "task", required = false) List<Long> ids, RedirectAttributes flash) {
        Viewer viewer = Viewer.of(request);
        List<Long> selected = ids == null ? List.of() : ids;
        List<Task> tasks = selected.stream().map(id -> ownTask(request, id)).toList();
        return act(flash, () -> {
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException("task: no completed task to reopen");
            }
            int n = inbox.reopen(selected, viewer.email()).size();
            return "Reopened \"" + tasks.get(0).title() + "\"" + (n > 1 ? " and " + (n - 1) + " alike" : "") + ": its completion is undone.";
        });
    }

    /** Until a preset ({@code tomorrow}, {@code monday}, {@code week}: 9:00 in the reader's zone) or a time in that zone. */
    @PostMapping("/tasks/{id}/snooze")
    String snooze(HttpServletRequest request, @PathVariable long id, @RequestParam(required = false) String preset,
                  @RequestParam(required = false) String until, RedirectAttributes flash) {
        Viewer viewer = Viewer.of(request);
        Task task = ownTask(request, id);
        ZonedTimes times = zones.timesOf(viewer.email());
        return act(flash, () -> {
            Instant when = preset == null || preset.isBlank() ? times.read("until", until) : SnoozePreset.at(preset, times);
            inbox.snooze(id, when);
            return "Snoozed \"" + task.title() + "\" until " + times.show(when) + ".";
        });
    }

    /** The ticked items of a task's checklist ({@code done}: positions from 0); none ticked clears it. */
    @PostMapping("/tasks/{id}/checklist")
    String checklist(HttpServletRequest request, @PathVariable long id,
                     @RequestParam(name = "done", required = false) List<Integer> done, RedirectAttributes flash) {
        Viewer viewer = Viewer.of(request);
        Task task = ownTask(request, id);
        return act(flash, () -> {
            Task ticked = inbox.tick(id, done == null ? Set.of() : Set.copyOf(done), viewer.email());
            return "Checklist of \"" + task.title() + "\": " + ticked.checklistDone().size() + " of "
                    + ticked.checklist().size() + " done.";
        });
    }

    @PostMapping("/tasks/{id}/reassign")
    String reassign(HttpServletRequest request, @PathVariable long id, @RequestParam(required = false) String owner,
                    RedirectAttributes flash) {
        Viewer viewer = Viewer.of(request);
        Task task = ownTask(request, id);
        return act(flash, () -> {
            String colleague = colleagues.require("owner", owner);
            inbox.reassign(List.of(id), colleague, viewer.email());
            return "Handed \"" + task.title() + "\" to " + colleague + ".";
        });
    }

    /** Many tasks at once: {@code action} is {@code reassign} (to {@code owner}) or {@code reschedule} (to {@code dueAt}). */
    @PostMapping("/bulk")
    String bulk(HttpServletRequest request, @RequestParam(name = "task", required = false) List<Long> ids,
                @RequestParam(required = false) String action, @RequestParam(required = false) String owner,
                @RequestParam(required = false) String dueAt, RedirectAttributes flash) {
        Viewer viewer = Viewer.of(request);
        List<Long> selected = ids == null ? List.of() : ids;
        selected.forEach(id -> ownTask(request, id));
        ZonedTimes times = zones.timesOf(viewer.email());
        return act(flash, () -> {
            if (selected.isEmpty()) {
                throw new IllegalArgumentException("task: select at least one task");
            }
            if ("reassign".equals(action)) {
                String colleague = colleagues.require("owner", owner);
                int n = inbox.reassign(selected, colleague, viewer.email()).size();
                return n + " task" + (n == 1 ? "" : "s") + " handed to " + colleague + ".";
            }
            if ("reschedule".equals(action)) {
                Instant when = times.read("dueAt", dueAt);
                int n = inbox.reschedule(selected, when, viewer.email()).size();
                return n + " task" + (n == 1 ? "" : "s") + " now due " + times.show(when) + ".";
            }
            throw new IllegalArgumentException("action: '" + action + "' is neither reassign nor reschedule");
        });
    }

    private String act(RedirectAttributes flash, Supplier<String> action) {
        try {
            flash.addFlashAttribute("notice", action.get());
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/inbox";
    }

    /** The task, if the viewer may work on it: a CSM only on their own. */
    private Task ownTask(HttpServletRequest request, long id) {
        Viewer viewer = Viewer.of(request);
        Task task;
        try {
            task = inbox.get(id);
        } catch (TaskNotFoundException e) {
            throw new PageNotFoundException("task " + id);
        }
        if (!viewer.mayWorkOn(task)) {
            throw new ForbiddenPageException("Task " + id + " belongs to another CSM.");
        }
        return task;
    }

    /** CS ops may open anyone's inbox; a CSM only their own. */
    private static String whose(Viewer viewer, String owner) {
        if (owner == null || owner.isBlank() || owner.equalsIgnoreCase(viewer.email())) {
            return viewer.email();
        }
        if (!viewer.seesEverything()) {
            throw new ForbiddenPageException("Only CS ops and admins may open another CSM's inbox.");
        }
        return owner.strip().toLowerCase(Locale.ROOT);
    }

    /** One row per piece of work: a task and the open tasks alike to it, most urgent first. */
    private static List<TaskRow> rows(List<Task> tasks, ZonedTimes times) {
        List<Task> leads = new ArrayList<>();
        List<List<Task>> alike = new ArrayList<>();
        for (Task task : tasks) {
            int at = -1;
            for (int i = 0; i < leads.size() && at < 0; i++) {
                if (leads.get(i).alike(task)) {
                    at = i;
                }
            }
            if (at < 0) {
                leads.add(task);
                alike.add(new ArrayList<>());
            } else {
                alike.get(at).add(task);
            }
        }
        List<TaskRow> rows = new ArrayList<>();
        for (int i = 0; i < leads.size(); i++) {
            Task lead = leads.get(i);
            boolean overdue = lead.overdueAt(times.now());
            rows.add(new TaskRow(lead, overdue, overdue ? times.overdueBy(lead.dueAt()) : null, List.copyOf(alike.get(i))));
        }
        return rows;
    }
}
