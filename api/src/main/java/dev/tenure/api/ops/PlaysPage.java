package dev.tenure.api.ops;

import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.TablePage;
import dev.tenure.api.pages.TableQuery;
import dev.tenure.api.pages.Viewer;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.engine.plays.PlayRunNotFoundException;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.schedule.PlayRunControl;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Play runs for CS ops: running and paused ones by default (or those of one status), searchable by account,
 * play and rule, sortable and paged; each paused, resumed or cancelled with a button, as the signed-in person.
 */
@Page
@RequestMapping("/ops/plays")
class PlaysPage {

    /** The latest runs of a status the table reads, or the latest that match its search: a search reaches every run. */
    private static final int SCANNED = 5_000;
    /** What the table shows without a status filter, or with one no run can have. */
    private static final List<RunStatus> LIVE = List.of(RunStatus.RUNNING, RunStatus.PAUSED);

    private final PlayRuns runs;
    private final PlayRunControl control;
    private final AccountNames names;
    private final PersonTimeZones zones;

    PlaysPage(PlayRuns runs, PlayRunControl control, AccountNames names, PersonTimeZones zones) {
        this.runs = runs;
        this.control = control;
        this.names = names;
        this.zones = zones;
    }

    /** A run as the table shows it: its account's name and its next scheduled step, if any. */
    record RunRow(PlayRunView run, String accountName, String rule, Instant nextDue) {

        static RunRow of(PlayRunView run, String accountName) {
            Instant next = run.steps().stream().filter(s -> s.status() == StepStatus.SCHEDULED).map(PlayStep::dueAt)
                    .min(Comparator.naturalOrder()).orElse(null);
            return new RunRow(run, accountName, run.why() == null ? "" : run.why().rule(), next);
        }

        String searchable() {
            return accountName + " " + run.accountId() + " " + run.playName() + " " + rule;
        }
    }

    private static final Map<String, Comparator<RunRow>> ORDERS = Map.of(
            "started", Comparator.comparing((RunRow r) -> r.run().startedAt()).thenComparingLong(r -> r.run().id()),
            "account", Comparator.comparing(RunRow::accountName, String.CASE_INSENSITIVE_ORDER).thenComparingLong(r -> r.run().id()),
            "play", Comparator.comparing((RunRow r) -> r.run().playName(), String.CASE_INSENSITIVE_ORDER).thenComparingLong(r -> r.run().id()),
            "rule", Comparator.comparing(RunRow::rule, String.CASE_INSENSITIVE_ORDER).thenComparingLong(r -> r.run().id()),
            "next", Comparator.comparing(RunRow::nextDue, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparingLong(r -> r.run().id()));

    @GetMapping
    String plays(HttpServletRequest request, Model model) {
        Viewer viewer = OpsViewer.require(request, model);
        TableQuery query = TableQuery.of(request, List.of("started", "account", "play", "rule", "next"), true, "status");
        String status = query.filter("status");
        // Matched by name, not valueOf: an unknown value in the link shows the default view, not an error page.
        List<RunStatus> shown = Arrays.stream(RunStatus.values()).filter(s -> s.name().equals(status)).findFirst()
                .map(List::of).orElse(LIVE);
        boolean searched = query.search() != null && !query.search().isBlank();
        List<PlayRunView> found = shown.stream()
                .flatMap(s -> (searched ? runs.matching(query.search(), s, SCANNED) : runs.list(null, s, SCANNED)).stream()).toList();
        Map<String, String> accountNames = names.of(found.stream().map(PlayRunView::accountId).toList());
        TablePage<RunRow> page = query.apply(found.stream().map(r -> RunRow.of(r, accountNames.get(r.accountId()))).toList(),
                ORDERS, RunRow::searchable);
        model.addAttribute("runs", page);
        model.addAttribute("statuses", RunStatus.values());
        model.addAttribute("status", shown.size() == 1 ? shown.get(0).name() : "");
        model.addAttribute("times", zones.timesOf(viewer.email()));
        return "ops/plays";
    }

    /** Its scheduled steps wait until it is resumed. */
    @PostMapping("/{id}/pause")
    String pause(HttpServletRequest request, @PathVariable long id, @RequestParam(required = false) String back,
                 RedirectAttributes flash) {
        return change(request, id, back, flash, "paused", who -> control.pause(id, who));
    }

    /** Its remaining steps move later by as long as it was paused. */
    @PostMapping("/{id}/resume")
    String resume(HttpServletRequest request, @PathVariable long id, @RequestParam(required = false) String back,
                  RedirectAttributes flash) {
        return change(request, id, back, flash, "resumed", who -> control.resume(id, who));
    }

    /** Its remaining steps are cancelled; it cannot be resumed. */
    @PostMapping("/{id}/cancel")
    String cancel(HttpServletRequest request, @PathVariable long id, @RequestParam(required = false) String back,
                  RedirectAttributes flash) {
        return change(request, id, back, flash, "cancelled", who -> control.cancel(id, who));
    }

    private String change(HttpServletRequest request, long id, String back, RedirectAttributes flash, String done,
                          java.util.function.Consumer<String> action) {
        Viewer viewer = Viewer.of(request);
        String what = runs.find(id).map(r -> "Play \"" + r.playName() + "\" at " + names.of(List.of(r.accountId())).get(r.accountId()))
                .orElse("Play run " + id);
        try {
            action.accept(viewer.email());
            flash.addFlashAttribute("notice", what + " " + done + ".");
        } catch (IllegalStateException | PlayRunNotFoundException e) {
            flash.addFlashAttribute("problem", what + " was not " + done + ": " + e.getMessage());
        }
        return "redirect:" + backTo(back);
    }

    /** Back to the view the button was on, never to another site. */
    private static String backTo(String back) {
        return back != null && back.startsWith("/ops/plays") && !back.startsWith("//") ? back : "/ops/plays";
    }
}
