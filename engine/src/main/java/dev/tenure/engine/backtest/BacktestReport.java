package dev.tenure.engine.backtest;

import dev.tenure.engine.health.ChurnReportProperties;
import dev.tenure.engine.rules.RuleSet;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a candidate rule set would have done over a period of stored signals, per rule, and how well its
 * churn rules (those under {@code churn/}) foretold the cancellations that really happened.
 *
 * @param windowDays       an alert catches a cancellation only if it came at most this many days before it
 * @param signalsReplayed  signals in [from, to), each evaluated at the moment it happened
 * @param historySignals   signals before {@code from} read as history only
 * @param evaluations      account evaluations in all, of which {@code dailyEvaluations} by the daily schedule
 * @param accounts         accounts that were customers in the period: when it began, or back during it
 * @param cancellations    of them, those that cancelled in the period ({@code SUBSCRIPTION_CANCELLED}), first time each
 * @param churnRules       all churn rules together, scored over all their alerts
 * @param rules            every rule of the rule set, also those that would never have fired
 * @param alerts           every play a rule would have started, in time order, judged against the cancellations
 * @param health           whether the candidate's health bands separated the accounts that cancelled
 */
public record BacktestReport(String ruleSetVersion, Instant from, Instant to, int windowDays, long signalsReplayed,
                             long historySignals, long evaluations, long dailyEvaluations, int accounts,
                             Duration took, long signalsPerSecond, List<Cancellation> cancellations,
                             ChurnScore churnRules, List<RuleReport> rules, List<Alert> alerts, HealthSeparation health) {

    /** The window when a request does not give one. */
    public static final int DEFAULT_WINDOW_DAYS = 90;
    /** The longest window a backtest takes. */
    public static final int MAX_WINDOW_DAYS = 365;

    public record Cancellation(String accountId, Instant at) {
    }

    /** Refuses a window outside 1..{@link #MAX_WINDOW_DAYS} days, naming the field. */
    public static int checkWindow(int windowDays) {
        if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("window: " + windowDays + " days is not between 1 and " + MAX_WINDOW_DAYS);
        }
        return windowDays;
    }

    static BacktestReport of(RuleSet ruleSet, Instant from, Instant to, int windowDays, ReplayTally tally,
                             Duration took, ChurnReportProperties judgement) {
        int accounts = tally.customers;
        RuleSources sources = new RuleSources(ruleSet);
        Map<String, Instant> cancelled = tally.cancellations;
        List<Alert> alerts = tally.starts.stream()
                .map(s -> Alert.of(s.accountId(), s.rule(), s.play(), sources.file(s.rule()), sources.isChurn(s.rule()), s.at(),
                        Alert.judgedAgainst(s.at(), s.customer(), tally.everyCancellation.getOrDefault(s.accountId(), List.of())),
                        windowDays, s.zone()))
                .sorted(Comparator.comparing(Alert::at).thenComparing(Alert::accountId).thenComparing(Alert::rule)
                        .thenComparing(Alert::play))
                .toList();
        Map<String, List<Alert>> byRule = alerts.stream().collect(Collectors.groupingBy(Alert::rule, LinkedHashMap::new,
                Collectors.toList()));
        List<RuleReport> rules = ruleSet.ruleNames().stream().map(rule -> {
            List<Alert> own = byRule.getOrDefault(rule, List.of());
            Map<String, List<Alert>> byAccount = own.stream().collect(Collectors.groupingBy(Alert::accountId, LinkedHashMap::new,
                    Collectors.toList()));
            List<RuleReport.AlertedAccount> alerted = byAccount.entrySet().stream()
                    .map(e -> new RuleReport.AlertedAccount(e.getKey(), e.getValue().get(0).at(), e.getValue().size(),
                            judged(e.getValue()), e.getValue().stream().anyMatch(Alert::caught)))
                    .sorted(Comparator.comparing(RuleReport.AlertedAccount::firstStarted)
                            .thenComparing(RuleReport.AlertedAccount::accountId))
                    .toList();
            List<String> plays = List.copyOf(own.stream().map(Alert::play).collect(Collectors.toCollection(TreeSet::new)));
            return new RuleReport(rule, sources.file(rule), sources.isChurn(rule), plays, own.size(), alerted,
                    ChurnScore.of(own, cancelled, tally.zones, accounts, from, to, windowDays));
        }).toList();
        List<Cancellation> cancellations = cancelled.entrySet().stream().map(e -> new Cancellation(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Cancellation::at).thenComparing(Cancellation::accountId)).toList();
        long perSecond = took.isZero() ? 0 : Math.round(tally.replayed / (took.toNanos() / 1e9));
        ChurnScore churn = ChurnScore.of(alerts.stream().filter(Alert::churnRule).toList(), cancelled, tally.zones, accounts, from, to, windowDays);
        return new BacktestReport(ruleSet.version(), from, to, windowDays, tally.replayed, tally.history, tally.evaluations,
                tally.daily, accounts, took, perSecond, cancellations, churn, rules, alerts,
                HealthSeparation.of(from, to, tally.bands, tally.everyCancellation, judgement));
    }

    /**
     * The cancellation an account's alerts of one rule are shown against: the one they caught, else the one the first
     * was judged against (an account that came back and cancelled again has two).
     */
    private static Instant judged(List<Alert> alerts) {
        return alerts.stream().filter(Alert::caught).findFirst().map(Alert::cancelledAt).orElse(alerts.get(0).cancelledAt());
    }
}
