package dev.tenure.api.backtests;

import dev.tenure.api.csv.CsvTable;
import dev.tenure.engine.backtest.Alert;
import dev.tenure.engine.backtest.BacktestReport;

import java.util.Arrays;
import java.util.List;

/** A backtest's alerts as CSV: one row per play a rule would have started, in time order. */
final class BacktestCsv {

    static final List<String> HEADER = List.of("account_id", "rule", "play", "file", "churn_rule", "alerted_at", "cancelled_at",
            "lead_days", "caught");

    private BacktestCsv() {
    }

    static CsvTable alerts(BacktestReport report) {
        CsvTable csv = new CsvTable(HEADER);
        for (Alert a : report.alerts()) {
            csv.row(Arrays.asList(a.accountId(), a.rule(), a.play(), a.file(), a.churnRule(), a.at(), a.cancelledAt(),
                    a.leadDays(), a.caught()));
        }
        return csv;
    }
}
