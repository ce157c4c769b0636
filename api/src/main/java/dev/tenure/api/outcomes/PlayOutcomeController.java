package dev.tenure.api.outcomes;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.outcomes.PlayOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Do plays work? {@code GET /api/plays/outcomes} compares each measured play's runs started in the period
 * with the accounts held out of it; {@code GET /api/plays/{playId}/outcomes} adds each run. Both answer
 * {@code ?format=csv}. A CSM sees figures over their own accounts only.
 */
@RestController
@RequestMapping("/api/plays")
class PlayOutcomeController {

    private final OutcomeReports reports;
    private final Visibility visibility;

    PlayOutcomeController(OutcomeReports reports, Visibility visibility) {
        this.reports = reports;
        this.visibility = visibility;
    }

    @GetMapping("/outcomes")
    ResponseEntity<Object> plays(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String month, @RequestParam(required = false) String csm,
                                 @RequestParam(required = false) String format) {
        boolean csv = csv(format);
        ReportPeriod period = reports.period(from, to, month);
        String narrowed = visibility.narrowTo(csm, "play outcomes").orElse(null);
        List<PlayOutcome> plays = reports.plays(period, narrowed);
        if (csv) {
            return OutcomeCsv.attachment(OutcomeCsv.plays(plays), "play-outcomes-" + period.slug() + ".csv");
        }
        return ResponseEntity.ok(new PlaysReport(period.from(), period.to(), narrowed, plays));
    }

    @GetMapping("/{playId}/outcomes")
    ResponseEntity<Object> play(@PathVariable String playId, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to, @RequestParam(required = false) String month,
                                @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        boolean csv = csv(format);
        ReportPeriod period = reports.period(from, to, month);
        String narrowed = visibility.narrowTo(csm, "play outcomes").orElse(null);
        OutcomeReports.PlayReport report = reports.play(playId, period, narrowed);
        if (report == null) {
            throw new NotFoundException("play " + playId);
        }
        if (csv) {
            return OutcomeCsv.attachment(OutcomeCsv.runs(report.runs()), "play-outcomes-" + playId + "-" + period.slug() + ".csv");
        }
        return ResponseEntity.ok(report);
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

    /** Every measured play's comparison over the period; {@code csm} when narrowed to one CSM's accounts. */
    record PlaysReport(LocalDate from, LocalDate to, String csm, List<PlayOutcome> plays) {
    }
}
