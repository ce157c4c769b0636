package dev.tenure.api.outcomes;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.PageNotFoundException;
import dev.tenure.api.pages.TableQuery;
import dev.tenure.api.pages.Viewer;
import dev.tenure.engine.outcomes.PlayOutcome;
import dev.tenure.engine.outcomes.RunOutcome;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Do plays work? Each measured play's success against its holdout, as bars and a table, with the runs of
 * one play a click away and both as CSV. CS ops and admins see every account; a CSM sees the same figures
 * over their own accounts only.
 */
@Page
@RequestMapping("/ops/plays")
class OutcomesPage {

    private final OutcomeReports reports;

    OutcomesPage(OutcomeReports reports) {
        this.reports = reports;
    }

    @GetMapping("/outcomes")
    String plays(HttpServletRequest request, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, @RequestParam(required = false) String month, Model model) {
        Viewer viewer = viewer(request, model);
        ReportPeriod period = period(from, to, month, model);
        List<PlayOutcome> plays = reports.plays(period, narrowed(viewer));
        model.addAttribute("plays", plays);
        model.addAttribute("bars", OutcomeBars.of(plays));
        model.addAttribute("chartWidth", OutcomeBars.WIDTH);
        model.addAttribute("barsAt", OutcomeBars.BARS_AT);
        return "ops/play-outcomes";
    }

    /** How the runs of a play can be ordered on its page. */
    private static final Map<String, Comparator<RunOutcome>> RUN_ORDERS = Map.of(
            "started", Comparator.comparing(RunOutcome::startedAt).thenComparingLong(RunOutcome::runId),
            "account", Comparator.comparing(RunOutcome::accountName, String.CASE_INSENSITIVE_ORDER).thenComparingLong(RunOutcome::runId),
            "side", Comparator.comparing(RunOutcome::arm).thenComparingLong(RunOutcome::runId),
            "goal", Comparator.comparing(RunOutcome::status).thenComparingLong(RunOutcome::runId));

    @GetMapping("/outcomes/{playId}")
    String play(HttpServletRequest request, @PathVariable String playId, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String month, Model model) {
        Viewer viewer = viewer(request, model);
        ReportPeriod period = period(from, to, month, model);
        OutcomeReports.PlayReport report = reports.play(playId, period, narrowed(viewer));
        if (report == null) {
            throw new PageNotFoundException("play " + playId);
        }
        model.addAttribute("report", report);
        TableQuery query = TableQuery.of(request, List.of("started", "account", "side", "goal"), true, "from", "to", "month");
        model.addAttribute("runs", query.apply(report.runs(), RUN_ORDERS,
                r -> r.accountName() + " " + r.accountId() + " " + r.csm()));
        return "ops/play-outcome-runs";
    }

    /** The page's table as a file; the signed-in person's session is enough (the REST API wants a token). */
    @GetMapping("/outcomes.csv")
    ResponseEntity<String> playsCsv(HttpServletRequest request, @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to, @RequestParam(required = false) String month) {
        Viewer viewer = Viewer.of(request);
        ReportPeriod period = reports.period(from, to, month);
        return OutcomeCsv.plays(reports.plays(period, narrowed(viewer))).download("play-outcomes-" + period.slug() + ".csv");
    }

    @GetMapping("/outcomes/{playId}/runs.csv")
    ResponseEntity<String> runsCsv(HttpServletRequest request, @PathVariable String playId,
                                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String month) {
        Viewer viewer = Viewer.of(request);
        ReportPeriod period = reports.period(from, to, month);
        OutcomeReports.PlayReport report = reports.play(playId, period, narrowed(viewer));
        if (report == null) {
            throw new PageNotFoundException("play " + playId);
        }
        return OutcomeCsv.runs(report.runs()).download("play-outcomes-" + playId + "-" + period.slug() + ".csv");
    }

    private static Viewer viewer(HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        model.addAttribute("viewer", viewer);
        return viewer;
    }

    /** A CSM's figures are over their own accounts. */
    private static String narrowed(Viewer viewer) {
        return viewer.seesEverything() ? null : viewer.email();
    }

    /** A period that does not read is said on the page, and the default period shown instead. */
    private ReportPeriod period(String from, String to, String month, Model model) {
        ReportPeriod period;
        try {
            period = reports.period(from, to, month);
        } catch (BadParameterException e) {
            model.addAttribute("problem", e.getMessage());
            period = reports.period(null, null, null);
        }
        model.addAttribute("period", period);
        return period;
    }
}
