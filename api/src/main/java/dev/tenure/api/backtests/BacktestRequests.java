package dev.tenure.api.backtests;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.backtest.BacktestProperties;
import dev.tenure.engine.backtest.CandidateRuleSets;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.backtest.ReplayPeriod;
import dev.tenure.engine.rules.InvalidRuleSetException;
import dev.tenure.engine.rules.RuleSet;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * What a backtest or tuning request must hold (period, window, rule set), read once for the API and the
 * page alike: either what to run, or every field error, or the rule set's compile problems.
 */
@Component
class BacktestRequests {

    private final CandidateRuleSets candidates;
    private final ZoneId zone;
    private final int maxDays;
    private final Clock clock;

    BacktestRequests(CandidateRuleSets candidates, EngineProperties properties, BacktestProperties backtests, Clock clock) {
        this.candidates = candidates;
        this.zone = properties.defaultTimezone();
        this.maxDays = backtests.maxDays();
        this.clock = clock;
    }

    /** A request read: its period, window and rule set, or what is wrong with it. */
    record Checked(ReplayPeriod period, int window, RuleSet ruleSet, List<BacktestRequest.FieldError> errors,
                   InvalidRuleSetException uncompiled) {

        boolean runnable() {
            return errors.isEmpty() && uncompiled == null;
        }
    }

    /** The zone a date of the period is read in: a date is the start of that day there. */
    ZoneId zone() {
        return zone;
    }

    Checked check(BacktestRequest body) {
        List<BacktestRequest.FieldError> errors = BacktestRequest.errors();
        ReplayPeriod period = body.period(zone, clock.instant(), maxDays, errors);
        int window = body.windowDays(errors);
        // The tuning text is the file churn/tuning.yml given inline: held to what an uploaded file of a rule set may
        // be, before the YAML parser reads it (whose own limit, 3 MB, would be told as a line of unreadable YAML).
        String tuningProblem = RecordBounds.fileTextProblem(body.tuning());
        if (tuningProblem != null) {
            errors.add(new BacktestRequest.FieldError("tuning", tuningProblem));
        }
        if (!errors.isEmpty()) {
            return new Checked(period, window, null, errors, null);
        }
        try {
            return new Checked(period, window, ruleSet(body), List.of(), null);
        } catch (IllegalArgumentException e) {
            String field = body.files() != null ? "files" : "version";
            return new Checked(period, window, null, List.of(new BacktestRequest.FieldError(field,
                    e.getMessage().replaceFirst("^version: ", ""))), null);
        } catch (InvalidRuleSetException e) {
            return new Checked(period, window, null, List.of(), e);
        }
    }

    private RuleSet ruleSet(BacktestRequest body) {
        return body.version() != null ? candidates.version(body.version())
                : body.files() != null ? candidates.compile(body.files()) : candidates.active();
    }
}
