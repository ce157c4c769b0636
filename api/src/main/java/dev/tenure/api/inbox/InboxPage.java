package dev.tenure.api.inbox;

import dev.tenure.api.pages.ForbiddenPageException;
import dev.tenure.api.pages.OutcomeChoice;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.PageNotFoundException;
import dev.tenure.api.pages.TimeFormats;
import dev.tenure.api.pages.Viewer;
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
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The CSM's inbox page: open tasks, most urgent first, with filters; complete, snooze and hand over one
 * task, or hand over and move many at once. Every form posts and redirects back (a reload never repeats
 * an action); {@code /inbox/new} gives the rows of tasks that arrived since the page was drawn.
 */
@Page
@RequestMapping("/inbox")
class InboxPage {

    private static final int SHOWN = 200;

    private final Inbox inbox;
    private final TimeFormats times;

    InboxPage(Inbox inbox, TimeFormats times) {
        this.inbox = inbox;
        this.times = times;
    }

    @GetMapping
    String inbox(HttpServletRequest request, @RequestParam(required = false) String owner,
                 @RequestParam(required = false) String priority, @RequestParam(defaultValue = "false") boolean overdue,
                 @RequestParam(required = false) String account, @RequestParam(required = false) String play, Model model) {
        Viewer viewer = Viewer.of(request);
        String whose = whose(viewer, owner);
        InboxFilter filter = new InboxFilter(whose, priority, overdue, account, play, SHOWN);
        List<Task> tasks = inbox.open(filter);
        model.addAttribute("viewer", viewer);
        model.addAttribute("owner", whose);
        model.addAttribute("filter", filter);
        model.addAttribute("filtered", filter.priority() != null || overdue || filter.accountSearch() != null || filter.play() != null);
        model.addAttribute("rows", rows(tasks));
        model.addAttribute("plays", inbox.openTaskPlays(whose));
        model.addAttribute("outcomes", OutcomeChoice.all());
        model.addAttribute("lastId", inbox.newestOpenTaskId(whose));
        return "inbox/inbox";
    }

    /** The rows of open tasks newer than {@code after}, for the page's poll; empty when there are none. */
    @GetMapping("/new")
    String newRows(HttpServletRequest request, @RequestParam(required = false) String owner,
                   @RequestParam(defaultValue = "0") long after, Model model) {
        Viewer viewer = Viewer.of(request);
        model.addAttribute("rows", rows(inbox.openSince(whose(viewer, owner), after)));
        model.addAttribute("outcomes", OutcomeChoice.all());
        return "inbox/inbox :: rows";
    }

    @PostMapping("/tasks/{id}/complete")
    String complete(HttpServletRequest request, @PathVariable long id, @RequestParam(required = false) TaskOutcome outcome,
                    @RequestParam(required = false) String note, RedirectAttributes flash) {
        Task task = ownTask(request, id);
        return act(flash, () -> {
            if (outcome == null) {
                throw new IllegalArgumentException("outcome: choose what came of the task");
            }
            inbox.complete(id, outcome, note);
            return "Completed \"" + task.title() + "\" (" + OutcomeChoice.label(outcome) + ").";
        });
    }

    @PostMapping("/tasks/{id}/snooze")
    String snooze(HttpServletRequest request, @PathVariable long id, @RequestParam(required = false) String until,
                  RedirectAttributes flash) {
        Task task = ownTask(request, id);
        return act(flash, () -> {
            Instant when = times.read("until", until);
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
            inbox.reassign(List.of(id), owner, viewer.email());
            return "Handed \"" + task.title() + "\" to " + owner.strip() + ".";
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
        return act(flash, () -> {
            if (selected.isEmpty()) {
                throw new IllegalArgumentException("task: select at least one task");
            }
            if ("reassign".equals(action)) {
                int n = inbox.reassign(selected, owner, viewer.email()).size();
                return n + " task" + (n == 1 ? "" : "s") + " handed to " + owner.strip() + ".";
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
        return owner.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private List<TaskRow> rows(List<Task> tasks) {
        Instant now = inbox.now();
        return tasks.stream().map(t -> new TaskRow(t, t.overdueAt(now))).toList();
    }

    /** A task as the inbox shows it. */
    record TaskRow(Task task, boolean overdue) {
    }
}
