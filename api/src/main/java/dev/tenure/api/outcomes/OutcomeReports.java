package dev.tenure.api.outcomes;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.outcomes.OutcomeQuery;
import dev.tenure.engine.outcomes.PlayOutcome;
import dev.tenure.engine.outcomes.PlayOutcomes;
import dev.tenure.engine.outcomes.RunOutcome;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The outcome reports the REST API and the page share: periods are days of {@code tenure.default-timezone};
 * {@code csm} is already narrowed to what the viewer may see (null: every account).
 */
@Component
class OutcomeReports {

    private final PlayOutcomes outcomes;
    private final ZoneId zone;
    private final Clock clock;

    OutcomeReports(PlayOutcomes outcomes, EngineProperties engine, Clock clock) {
        this.outcomes = outcomes;
        this.zone = engine.defaultTimezone();
        this.clock = clock;
    }

    ReportPeriod period(String from, String to, String month) {
        return ReportPeriod.of(from, to, month, LocalDate.now(clock.withZone(zone)));
    }

    List<PlayOutcome> plays(ReportPeriod period, String csm) {
        return outcomes.report(query(period, null, csm), Instant.now(clock));
    }

    /** One play: its comparison and its runs, or null when nothing is known of the play. */
    PlayReport play(String playId, ReportPeriod period, String csm) {
        if (!outcomes.known(playId)) {
            return null;
        }
        OutcomeQuery query = query(period, playId, csm);
        Instant now = Instant.now(clock);
        List<RunOutcome> runs = outcomes.runs(query, now);
        PlayOutcome outcome = outcomes.summarise(query, runs).stream().findFirst().orElse(null);
        return new PlayReport(playId, period.from(), period.to(), csm, outcome, runs);
    }

    private OutcomeQuery query(ReportPeriod period, String playId, String csm) {
        return new OutcomeQuery(period.start(zone), period.end(zone), playId, csm);
    }

    /** A play's outcome over a period, with the runs it is made of. */
    record PlayReport(String playId, LocalDate from, LocalDate to, String csm, PlayOutcome outcome, List<RunOutcome> runs) {
    }
}
