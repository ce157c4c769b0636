package dev.tenure.api.backtests;

import dev.tenure.engine.backtest.BacktestReport;
import dev.tenure.engine.backtest.ChurnScore;
import dev.tenure.engine.backtest.HealthSeparation;
import dev.tenure.engine.backtest.RuleReport;
import dev.tenure.engine.health.ChurnReport;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A backtest's report as the API shows it. Every alert is in the CSV at {@code alertsCsv}; here are their
 * count, the scores per rule and for all churn rules together, and the health bands' separation.
 */
record BacktestReportBody(String ruleSetVersion, Instant from, Instant to, int windowDays, long signalsReplayed,
                          long historySignals, long evaluations, long dailyEvaluations, int accounts, Duration took,
                          long signalsPerSecond, List<Cancellation> cancellations, Score churnRules, List<Rule> rules,
                          int alerts, String alertsCsv, Health health) {

    record Cancellation(String accountId, Instant at) {
    }

    /** See {@link ChurnScore} for each figure. */
    record Score(int alertedAccounts, int cancelledAccounts, int caughtAccounts, Double precision, Double recall,
                 Duration medianLeadTime, Double medianLeadDays, int alerts, int catchingAlerts, Double alertPrecision,
                 int healthyAccounts, int alertsOnHealthyAccounts, Double alertsPerHealthyAccountMonth,
                 int earlyCancellations, int earlyCaught, Double laterRecall) {

        static Score of(ChurnScore s) {
            return new Score(s.alertedAccounts(), s.cancelledAccounts(), s.caughtAccounts(), s.precision(), s.recall(),
                    s.medianLeadTime(), s.medianLeadDays(), s.alerts(), s.catchingAlerts(), s.alertPrecision(),
                    s.healthyAccounts(), s.alertsOnHealthyAccounts(), s.alertsPerHealthyAccountMonth(),
                    s.earlyCancellations(), s.earlyCaught(), s.laterRecall());
        }
    }

    record Rule(String rule, String file, boolean churnRule, List<String> plays, long playsStarted,
                List<AlertedAccount> accounts, Score churn) {
    }

    record AlertedAccount(String accountId, Instant firstStarted, int playsStarted, Instant cancelledAt, boolean caught) {
    }

    /** Per band at the start of each slice: account-slices, of them cancelled within the slice, and the rate. */
    @Schema(name = "BacktestHealth")
    record Health(int sliceDays, int slices, List<Band> bands, String verdict, String reason, Double poorToGoodRatio) {
    }

    record Band(String band, int accounts, int cancelled, double rate) {
    }

    static BacktestReportBody of(String id, BacktestReport r) {
        List<Rule> rules = r.rules().stream().map(BacktestReportBody::rule).toList();
        return new BacktestReportBody(r.ruleSetVersion(), r.from(), r.to(), r.windowDays(), r.signalsReplayed(),
                r.historySignals(), r.evaluations(), r.dailyEvaluations(), r.accounts(), r.took(), r.signalsPerSecond(),
                r.cancellations().stream().map(c -> new Cancellation(c.accountId(), c.at())).toList(),
                Score.of(r.churnRules()), rules, r.alerts().size(), "/api/backtests/" + id + "/alerts.csv", health(r.health()));
    }

    private static Rule rule(RuleReport r) {
        return new Rule(r.rule(), r.file(), r.churnRule(), r.plays(), r.playsStarted(),
                r.accounts().stream().map(a -> new AlertedAccount(a.accountId(), a.firstStarted(), a.playsStarted(),
                        a.cancelledAt(), a.caught())).toList(), Score.of(r.churn()));
    }

    private static Health health(HealthSeparation h) {
        ChurnReport report = h.report();
        return new Health(h.sliceDays(), h.slices(), report.bands().stream()
                .map(b -> new Band(b.band(), b.accounts(), b.cancelled(), b.cancelledRate())).toList(),
                report.separation().verdict().name(), report.separation().reason(), h.poorToGoodRatio());
    }
}
