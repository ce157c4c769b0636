package dev.tenure.api.backtests;

import dev.tenure.api.pages.PageNotFoundException;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.Viewer;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.engine.rules.RuleSets;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Backtests from the pages: a form that starts one (the rule set in force or a stored version, over a
 * period), the latest runs, and a run's page that shows its progress until its report is there. The same
 * runs as {@code /api/backtests}, checked by the same rules.
 */
@Page
@RequestMapping("/ops/backtests")
class BacktestPage {

    private final BacktestRuns runs;
    private final BacktestRequests requests;
    private final RuleSets ruleSets;
    private final PersonTimeZones zones;

    BacktestPage(BacktestRuns runs, BacktestRequests requests, RuleSets ruleSets, PersonTimeZones zones) {
        this.runs = runs;
        this.requests = requests;
        this.ruleSets = ruleSets;
        this.zones = zones;
    }

    @GetMapping
    String list(HttpServletRequest request, @RequestParam(required = false) String version, Model model) {
        Viewer viewer = ops(request, model);
        model.addAttribute("runs", runs.list().stream().sorted(Comparator.comparing(BacktestRun::requestedAt).reversed()).toList());
        model.addAttribute("versions", ruleSets.versions().stream().filter(v -> v.errors().isEmpty()).limit(20).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new Form(null, null, version, null));
        }
        model.addAttribute("times", zones.timesOf(viewer.email()));
        // The form's dates are read as the API reads them, whatever zone the viewer reads times in.
        model.addAttribute("periodZone", requests.zone());
        return "ops/backtests";
    }

    /** The form's fields as typed, sent back with the errors when it is refused (a window of text is one of them). */
    record Form(String from, String to, String version, String window) {
    }

    @PostMapping
    String start(HttpServletRequest request, Form form, RedirectAttributes flash) {
        String version = form.version() == null || form.version().isBlank() ? null : form.version().strip();
        Integer window;
        try {
            window = form.window() == null || form.window().isBlank() ? null : Integer.valueOf(form.window().strip());
        } catch (NumberFormatException e) {
            flash.addFlashAttribute("form", form);
            flash.addFlashAttribute("problem", "The backtest was not started: window: '" + form.window()
                    + "' is not a whole number of days");
            return "redirect:/ops/backtests";
        }
        BacktestRequests.Checked checked = requests.check(new BacktestRequest(form.from(), form.to(), version, null,
                window, null));
        if (!checked.runnable()) {
            flash.addFlashAttribute("form", form);
            flash.addFlashAttribute("problem", checked.uncompiled() != null
                    ? "The rule set does not compile: " + checked.uncompiled().getMessage()
                    : "The backtest was not started: " + checked.errors().stream()
                    .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
            return "redirect:/ops/backtests";
        }
        try {
            BacktestRun run = runs.start(checked.period().from(), checked.period().to(), checked.window(), checked.ruleSet());
            return "redirect:/ops/backtests/" + run.id();
        } catch (IllegalStateException e) {
            flash.addFlashAttribute("form", form);
            flash.addFlashAttribute("problem", "The backtest was not started: " + e.getMessage());
            return "redirect:/ops/backtests";
        }
    }

    @GetMapping("/{id}")
    String run(HttpServletRequest request, @PathVariable String id, Model model) {
        Viewer viewer = ops(request, model);
        BacktestRun run = runs.find(id).orElseThrow(() -> new PageNotFoundException("backtest " + id));
        model.addAttribute("run", run);
        model.addAttribute("rules", run.report() == null ? List.of() : run.report().rules().stream()
                .sorted(Comparator.comparing(BacktestReportBody.Rule::playsStarted).reversed()
                        .thenComparing(BacktestReportBody.Rule::rule)).toList());
        model.addAttribute("times", zones.timesOf(viewer.email()));
        return "ops/backtest";
    }

    private static Viewer ops(HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        model.addAttribute("viewer", viewer);
        return viewer;
    }
}
