package dev.tenure.api.outcomes;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.outcomes.PlayOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/**
 * Do plays work? {@code GET /api/plays/outcomes} compares each measured play's runs started in the period
 * with the accounts held out of it; {@code GET /api/plays/{playId}/outcomes} adds each run. Both answer
 * {@code ?format=csv}. A CSM sees figures over their own accounts only.
 */
@Tag(name = "Play outcomes", description = "Do plays work? Each measured play's runs against the accounts held out of it.")
@RestController
@RequestMapping("/api/plays")
class PlayOutcomeController {

    /** The request parameter that asks for CSV instead of JSON. */
    static final String CSV = "format=csv";

    private final OutcomeReports reports;
    private final Visibility visibility;

    PlayOutcomeController(OutcomeReports reports, Visibility visibility) {
        this.reports = reports;
        this.visibility = visibility;
    }

    @Operation(summary = "Every measured play against its holdout")
    @GetMapping("/outcomes")
    OutcomeViews.PlaysView plays(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String month, @RequestParam(required = false) String csm,
                                 @RequestParam(required = false) String format) {
        json(format);
        ReportPeriod period = reports.period(from, to, month);
        String narrowed = visibility.narrowTo(csm, "play outcomes").orElse(null);
        return new OutcomeViews.PlaysView(period.from(), period.to(), narrowed,
                reports.plays(period, narrowed).stream().map(OutcomeViews.OutcomeView::of).toList());
    }

    @Operation(summary = "Every measured play against its holdout")
    @GetMapping(path = "/outcomes", params = CSV, produces = "text/csv")
    ResponseEntity<String> playsCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String month, @RequestParam(required = false) String csm) {
        ReportPeriod period = reports.period(from, to, month);
        List<PlayOutcome> plays = reports.plays(period, visibility.narrowTo(csm, "play outcomes").orElse(null));
        return OutcomeCsv.plays(plays).download("play-outcomes-" + period.slug() + ".csv");
    }

    @Operation(summary = "One play's runs and holdouts")
    @GetMapping("/{playId}/outcomes")
    OutcomeViews.PlayView play(@PathVariable String playId, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, @RequestParam(required = false) String month,
                               @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        json(format);
        return OutcomeViews.PlayView.of(report(playId, reports.period(from, to, month), csm));
    }

    @Operation(summary = "One play's runs and holdouts")
    @GetMapping(path = "/{playId}/outcomes", params = CSV, produces = "text/csv")
    ResponseEntity<String> playCsv(@PathVariable String playId, @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to, @RequestParam(required = false) String month,
                                   @RequestParam(required = false) String csm) {
        ReportPeriod period = reports.period(from, to, month);
        OutcomeReports.PlayReport report = report(playId, period, csm);
        return OutcomeCsv.runs(report.runs()).download("play-outcomes-" + playId + "-" + period.slug() + ".csv");
    }

    private OutcomeReports.PlayReport report(String playId, ReportPeriod period, String csm) {
        OutcomeReports.PlayReport report = reports.play(playId, period, visibility.narrowTo(csm, "play outcomes").orElse(null));
        if (report == null) {
            throw new NotFoundException("play " + playId);
        }
        return report;
    }

    /** {@code format=csv} is answered by the CSV handlers ({@value #CSV}, matched as written); anything but json is a 400. */
    private static void json(String format) {
        if (csv(format)) {
            throw new BadParameterException("format", "'" + format + "' is not a format; use csv or json, in lower case");
        }
    }

    private static boolean csv(String format) {
        if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
            return false;
        }
        if (format.strip().toLowerCase(Locale.ROOT).equals("csv")) {
            return true;
        }
        throw new BadParameterException("format", "'" + format + "' is not a format; use csv or json");
    }
}
