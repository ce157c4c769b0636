package dev.tenure.engine.backtest;

import dev.tenure.engine.rules.RuleSet;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a candidate rule set would have done over a period of stored signals, per rule, and how well its
 * churn rules (those under {@code churn/}) foretold the cancellations that really happened.
 *
 * @param signalsReplayed  signals in [from, to), each evaluated at the moment it happened
 * @param historySignals   signals before {@code from} read as history only
 * @param evaluations      account evaluations in all, of which {@code dailyEvaluations} by the daily schedule
 * @param cancellations    accounts that cancelled in the period ({@code SUBSCRIPTION_CANCELLED}), first time each
 * @param churnRules       all churn rules together: an account's first alert from any of them
 * @param rules            every rule of the rule set, also those that would never have fired
 */
public record BacktestReport(String ruleSetVersion, Instant from, Instant to, long signalsReplayed,
                             long historySignals, long evaluations, long dailyEvaluations, int accounts,
                             Duration took, long signalsPerSecond, List<Cancellation> cancellations,
                             ChurnScore churnRules, List<RuleReport> rules) {

    public record Cancellation(String accountId, Instant at) {
    }

    static BacktestReport of(RuleSet ruleSet, Instant from, Instant to, int accounts, ReplayTally tally, Duration took) {
        RuleSources sources = new RuleSources(ruleSet);
        Map<String, Instant> cancelled = tally.cancellations;
        Map<String, Instant> firstChurnAlerts = new HashMap<>();
        List<RuleReport> rules = ruleSet.ruleNames().stream().map(rule -> {
            ReplayTally.RuleStarts starts = tally.rules.getOrDefault(rule, new ReplayTally.RuleStarts());
            Map<String, Instant> firstAlerts = new HashMap<>();
            starts.accounts.forEach((account, s) -> firstAlerts.put(account, s.first()));
            if (sources.isChurn(rule)) {
                firstAlerts.forEach((account, at) -> firstChurnAlerts.merge(account, at, (a, b) -> a.isBefore(b) ? a : b));
            }
            List<RuleReport.AlertedAccount> alerted = starts.accounts.entrySet().stream()
                    .map(e -> new RuleReport.AlertedAccount(e.getKey(), e.getValue().first(), e.getValue().count(),
                            cancelled.get(e.getKey())))
                    .sorted(Comparator.comparing(RuleReport.AlertedAccount::firstStarted)
                            .thenComparing(RuleReport.AlertedAccount::accountId))
                    .toList();
            return new RuleReport(rule, sources.file(rule), sources.isChurn(rule), List.copyOf(starts.plays), starts.count,
                    alerted, ChurnScore.of(firstAlerts, cancelled));
        }).toList();
        List<Cancellation> cancellations = cancelled.entrySet().stream().map(e -> new Cancellation(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Cancellation::at).thenComparing(Cancellation::accountId)).toList();
        long perSecond = took.isZero() ? 0 : Math.round(tally.replayed / (took.toNanos() / 1e9));
        return new BacktestReport(ruleSet.version(), from, to, tally.replayed, tally.history, tally.evaluations,
                tally.daily, accounts, took, perSecond, cancellations, ChurnScore.of(firstChurnAlerts, cancelled), rules);
    }
}
