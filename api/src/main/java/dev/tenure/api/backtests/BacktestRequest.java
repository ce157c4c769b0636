package dev.tenure.api.backtests;

import dev.tenure.engine.backtest.BacktestReport;
import dev.tenure.engine.backtest.ReplayPeriod;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A backtest as posted: {@code from} and {@code to} are instants ({@code 2026-01-01T00:00:00Z}) or dates
 * ({@code 2026-01-01}: the start of that day in the default time zone; {@code to} is excluded), in the past
 * ({@link ReplayPeriod}). The rule set
 * is the one in force, or {@code version} (any stored version), or {@code files} (path to content, as
 * under rules/), never both. {@code window}: days before a cancellation within which an alert catches it
 * (1..365, default 90). {@code tuning}: for a tuning only, the text of a tuning file instead of the rules
 * folder's {@code churn/tuning.yml}.
 */
record BacktestRequest(String from, String to, String version, Map<String, String> files, Integer window, String tuning) {

    /** A field that is wrong, and why. */
    record FieldError(String field, String message) {
    }

    /** The window in days, or a field error. */
    int windowDays(List<FieldError> errors) {
        if (window == null) {
            return BacktestReport.DEFAULT_WINDOW_DAYS;
        }
        try {
            return BacktestReport.checkWindow(window);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("window", e.getMessage().replaceFirst("^window: ", "")));
            return BacktestReport.DEFAULT_WINDOW_DAYS;
        }
    }

    /** The period (null when wrong) of at most {@code maxDays}, or every field error at once. */
    ReplayPeriod period(ZoneId zone, Instant now, int maxDays, List<FieldError> errors) {
        List<ReplayPeriod.Problem> problems = new ArrayList<>();
        ReplayPeriod period = ReplayPeriod.read(from, to, zone, now, maxDays, problems);
        problems.forEach(p -> errors.add(new FieldError(p.field(), p.message())));
        if (version != null && files != null) {
            errors.add(new FieldError("files", "give either a version or files, not both"));
        }
        if (files != null && files.isEmpty()) {
            errors.add(new FieldError("files", "no files: give path and content of each DRL, play and template"));
        }
        return period;
    }

    static List<FieldError> errors() {
        return new ArrayList<>();
    }
}
