package dev.tenure.api.outcomes;

import dev.tenure.api.csv.CsvTable;
import dev.tenure.engine.outcomes.ArmOutcome;
import dev.tenure.engine.outcomes.PlayOutcome;
import dev.tenure.engine.outcomes.RunOutcome;

import java.util.ArrayList;
import java.util.List;

/** The outcome reports as CSV files: one row per play, or one row per run. Rates and days to one decimal. */
final class OutcomeCsv {

    private OutcomeCsv() {
    }

    static CsvTable plays(List<PlayOutcome> plays) {
        CsvTable csv = new CsvTable(List.of("play_id", "play_name", "within_days", "holdout_percent",
                "enrolled_runs", "enrolled_reached", "enrolled_success_rate", "enrolled_median_days_to_goal", "enrolled_pending",
                "holdout_runs", "holdout_reached", "holdout_success_rate", "holdout_median_days_to_goal", "holdout_pending",
                "lift_points", "too_few_to_tell"));
        for (PlayOutcome p : plays) {
            List<Object> row = new ArrayList<>(List.of(p.playId(), p.playName()));
            row.add(p.withinDays());
            row.add(p.holdoutPercent());
            arm(row, p.enrolled());
            arm(row, p.holdout());
            row.add(p.liftPoints());
            row.add(p.tooFewToTell());
            csv.row(row);
        }
        return csv;
    }

    static CsvTable runs(List<RunOutcome> runs) {
        CsvTable csv = new CsvTable(List.of("run_id", "play_id", "account_id", "account_name", "csm", "arm", "started_at",
                "horizon_at", "status", "reached_at", "days_to_goal"));
        for (RunOutcome r : runs) {
            List<Object> row = new ArrayList<>();
            row.add(r.runId());
            row.add(r.playId());
            row.add(r.accountId());
            row.add(r.accountName());
            row.add(r.csm());
            row.add(r.arm());
            row.add(r.startedAt());
            row.add(r.horizonAt());
            row.add(r.status());
            row.add(r.reachedAt());
            row.add(r.daysToGoal());
            csv.row(row);
        }
        return csv;
    }

    private static void arm(List<Object> row, ArmOutcome arm) {
        row.add(arm.runs());
        row.add(arm.reached());
        row.add(arm.successRate());
        row.add(arm.medianDaysToGoal());
        row.add(arm.pending());
    }
}
