package dev.tenure.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.backtest.BacktestProgress;
import dev.tenure.engine.backtest.BacktestReport;
import dev.tenure.engine.backtest.Backtests;
import dev.tenure.engine.backtest.CandidateRuleSets;
import dev.tenure.engine.backtest.ChurnScore;
import dev.tenure.engine.backtest.RuleReport;
import dev.tenure.engine.backtest.TuningReport;
import dev.tenure.engine.backtest.Tunings;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.facts.SignalHistory;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.UsageSignal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How good the decisions are, not how fast: replays a world with planted churn and look-alike noise
 * ({@link PlantedChurnWorld}) through the real backtest with the rules in {@code rules/} (or
 * {@code -Dbench.quality.rules=<folder>}), and prints, per churn rule and for all churn rules together,
 * precision, recall, median lead and alerts per healthy account per month within a 90-day window, and
 * whether health separates the accounts that cancel (POOR's cancellation rate against GOOD's). Run it with
 * {@code ./mvnw -B -Pbench -pl bench -am verify -DskipTests -Dbench=quality} (bench/README.md).
 */
public final class DecisionQualityBenchmark {

    static final int WINDOW_DAYS = 90;

    private DecisionQualityBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int accounts = Integer.getInteger("bench.quality.accounts", 2_000);
        long seed = Long.getLong("bench.quality.seed", 15L);
        int variant = Integer.getInteger("bench.quality.variant", 0);
        String rules = System.getProperty("bench.quality.rules", "rules");
        System.out.printf("Decision quality benchmark: %,d accounts, seed %d, variant %d, rules %s, window %d days%n",
                accounts, seed, variant, rules, WINDOW_DAYS);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off").setServerConfig("work_mem", "256MB")
                .setServerConfig("shared_buffers", "256MB").start();
             ConfigurableApplicationContext engine = new SpringApplicationBuilder(BenchApplication.class)
                     .web(WebApplicationType.NONE)
                     .properties(Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                             "spring.datasource.username", "postgres", "spring.datasource.password", "postgres",
                             "spring.quartz.auto-startup", "false", "spring.main.banner-mode", "off",
                             "logging.level.root", "WARN"))
                     // As arguments, so they win over config/application.yml; a busy machine must not fail the run, so
                     // the rule set's checks and evaluations get time to spare.
                     .run("--tenure.rules-folder=" + rules, "--tenure.rule-limits.checks=600s",
                             "--tenure.rule-limits.evaluation=30s",
                             // Tuning backtests a candidate in about 15 s here: a bounded search keeps the run in minutes.
                             "--tenure.backtest.tuning.max-candidates=" + Integer.getInteger("bench.quality.candidates", 30),
                             "--tenure.backtest.tuning.time-limit=15m")) {
            PlantedChurnWorld world = new PlantedChurnWorld(accounts, seed, variant);
            load(engine, world);
            RuleSet ruleSet = engine.getBean(CandidateRuleSets.class).active();
            Instant from = PlantedChurnWorld.START;
            Instant to = from.plus(Duration.ofDays(PlantedChurnWorld.PERIOD_DAYS));
            BacktestReport report = engine.getBean(Backtests.class).run(ruleSet, from, to, WINDOW_DAYS, BacktestProgress.none());
            print(world, report);
            trace(engine, world, ruleSet);
            if (Boolean.parseBoolean(System.getProperty("bench.quality.tune", "true"))) {
                tune(engine, ruleSet, from, to);
            }
            // Other rule folders against the same world, loaded once: comparing candidates costs a backtest each.
            for (String other : System.getProperty("bench.quality.compare", "").split(",")) {
                if (!other.isBlank()) {
                    RuleSet candidate = engine.getBean(CandidateRuleSets.class).compile(RuleSetFiles.read(Path.of(other.strip())));
                    System.out.printf("%n--- compared: rules %s%n", other.strip());
                    print(world, engine.getBean(Backtests.class).run(candidate, from, to, WINDOW_DAYS, BacktestProgress.none()));
                }
            }
        }
    }

    /**
     * {@code -Dbench.quality.trace=<account ids>}: what the rules saw of each account's core usage every other day
     * of the 8 weeks before its cancellation (or the period's end), and which rules fired: why a cancellation was
     * missed or an alert came late.
     */
    private static void trace(ConfigurableApplicationContext engine, PlantedChurnWorld world, RuleSet ruleSet) {
        Map<String, PlantedChurnWorld.Customer> byId = world.customers().stream()
                .collect(Collectors.toMap(c -> c.account.id(), c -> c));
        JdbcClient jdbc = JdbcClient.create(engine.getBean(DataSource.class));
        for (String id : System.getProperty("bench.quality.trace", "").split(",")) {
            PlantedChurnWorld.Customer c = byId.get(id.strip());
            if (c == null) {
                continue;
            }
            // The backtest's own roll-up (SignalHistory) over the stored usage: the database's daily roll-ups are
            // not kept for rows loaded with COPY.
            SignalHistory history = new SignalHistory();
            jdbc.sql("SELECT occurred_at, quantity, active_users, external_id FROM usage_event WHERE account_id = ? AND feature = 'core'"
                            + " ORDER BY occurred_at")
                    .param(c.account.id())
                    .query((rs, n) -> new UsageSignal("quality", rs.getString(4), c.account.id(),
                            rs.getTimestamp(1).toInstant(), "core", rs.getLong(2), rs.getInt(3)))
                    .list().forEach(history::add);
            int end = Math.min(c.cancelDay, PlantedChurnWorld.PERIOD_DAYS);
            System.out.printf(Locale.ROOT, "%ntrace %s %s uses/day %.1f declineTo %.2f signs from day %d, cancels day %d, holidays %s%n",
                    id, c.signs, c.dailyUses, c.declineTo, c.signsFrom, c.cancelDay,
                    c.holidays.stream().map(h -> h[0] + "+" + h[1]).toList());
            for (int day = end - 49; day < end; day += 2) {
                Instant at = PlantedChurnWorld.START.plus(Duration.ofDays(day)).plus(Duration.ofHours(6));
                String usage = history.factsAsOf(c.account, List.of(), List.of(), List.of(), at).usage("core")
                        .map(u -> String.format(Locale.ROOT, "weeks %6d %6d %6d %6d best %6d usual %8.1f sig %5.1f idle %d",
                                u.last7Days(), u.previous7Days(), u.earlier7Days(), u.days22To28(), u.bestWeekOf28Days(),
                                u.usualWeekly(),
                                u.dropSignificance(), u.daysSinceLastUse()))
                        .orElse("no usage");
                System.out.printf(Locale.ROOT, "  day %3d %s%n", day, usage);
            }
        }
    }

    /**
     * After tuning: the tuner searches the ranges of the rules folder's {@code churn/tuning.yml} on this world, as
     * {@code POST /api/backtests/tune} would, and the best setting it found is printed beside the starter pack's.
     */
    private static void tune(ConfigurableApplicationContext engine, RuleSet ruleSet, Instant from, Instant to) {
        Tunings tunings = engine.getBean(Tunings.class);
        TuningReport tuned = tunings.run(ruleSet, tunings.plan(ruleSet, tunings.tuningFile()), from, to, WINDOW_DAYS,
                BacktestProgress.none());
        System.out.printf("%nafter tuning (churn/tuning.yml): %d settings backtested in %.0f s, stopped: %s%n",
                tuned.candidatesEvaluated(), tuned.took().toMillis() / 1000.0, tuned.stopped());
        System.out.printf("%-62s %8s %7s %9s %7s %8s %10s%n", "setting", "alerted", "caught", "precision", "recall", "lead (d)",
                "alerts/healthy/month");
        System.out.println(line("starter pack as shipped", tuned.current().churnRules()));
        for (int i = 0; i < tuned.best().size(); i++) {
            TuningReport.Setting setting = tuned.best().get(i);
            System.out.println(line("tuned #" + (i + 1) + (setting.meetsGoal() ? " (meets the goal)" : ""), setting.churnRules()));
            StringBuilder changed = new StringBuilder("    ");
            setting.values().forEach((knob, value) -> {
                Double was = tuned.current().values().get(knob);
                if (!value.equals(was)) {
                    changed.append(knob).append(": ").append(plain(was)).append(" -> ").append(plain(value)).append("; ");
                }
            });
            System.out.println(changed);
            if (!setting.uploadProblems().isEmpty()) {
                System.out.println("    an upload as it is would be refused by " + setting.uploadProblems().size()
                        + " scenario test(s) that pin the values it moves");
            }
        }
    }

    /** Loads the world into PostgreSQL with COPY, as the engine would have stored it. */
    private static void load(ConfigurableApplicationContext engine, PlantedChurnWorld world) {
        long started = System.nanoTime();
        DataSource dataSource = engine.getBean(DataSource.class);
        try (CopyLoader loader = new CopyLoader(dataSource, engine.getBean(ObjectMapper.class))) {
            loader.accounts(world.accounts());
            loader.contacts(world.contacts());
            // Every day is generated, so the world is the same whatever the history: only what is stored differs.
            int history = Math.max(0, Math.min(PlantedChurnWorld.HISTORY_DAYS,
                    Integer.getInteger("bench.quality.history", PlantedChurnWorld.HISTORY_DAYS)));
            for (int day = -PlantedChurnWorld.HISTORY_DAYS; day < PlantedChurnWorld.PERIOD_DAYS; day++) {
                List<Signal> signals = world.day(day);
                if (day >= -history) {
                    signals.forEach(loader::signal);
                }
            }
            loader.close();
            JdbcClient.create(dataSource).sql("ANALYZE").update();
            System.out.printf("Loaded %,d signals with COPY in %.1f s%n", loader.loaded(), (System.nanoTime() - started) / 1e9);
        }
    }

    private static void print(PlantedChurnWorld world, BacktestReport report) {
        Map<PlantedChurnWorld.Sign, Integer> signs = new EnumMap<>(PlantedChurnWorld.Sign.class);
        world.customers().stream().filter(c -> c.cancels() && c.cancelDay < PlantedChurnWorld.PERIOD_DAYS)
                .forEach(c -> c.signs.forEach(s -> signs.merge(s, 1, Integer::sum)));
        System.out.printf("accounts %,d; cancelled in the period %,d (%.1f%%); warning signs planted %s%n", report.accounts(),
                report.cancellations().size(), 100.0 * report.cancellations().size() / report.accounts(), signs);
        System.out.printf("rule set %s; %,d signals replayed, %,d evaluations in %.1f s%n", report.ruleSetVersion(),
                report.signalsReplayed(), report.evaluations(), report.took().toMillis() / 1000.0);
        System.out.printf("%-62s %8s %7s %9s %7s %8s %10s%n", "churn rule (window " + report.windowDays() + " days)",
                "alerted", "caught", "precision", "recall", "lead (d)", "alerts/healthy/month");
        for (RuleReport rule : report.rules()) {
            if (rule.churnRule()) {
                System.out.println(line(rule.rule(), rule.churn()));
            }
        }
        System.out.println(line("all churn rules together", report.churnRules()));
        ChurnScore all = report.churnRules();
        System.out.printf(Locale.ROOT, "cancellations in the first %d days: %d (%d caught); recall over the later ones %s%n",
                report.windowDays(), all.earlyCancellations(), all.earlyCaught(), number(all.laterRecall(), "%.2f"));
        StringBuilder health = new StringBuilder("health at the start of each 30-day slice, cancelled within it:");
        for (ChurnReport.BandRow band : report.health().report().bands()) {
            health.append(String.format(Locale.ROOT, " %s %,d, %d cancelled (%.1f%%);", band.band(), band.accounts(),
                    band.cancelled(), 100 * band.rate()));
        }
        health.append(" POOR / GOOD = ").append(number(report.health().poorToGoodRatio(), "%.1f"));
        System.out.println(health);
        caughtBy(world, report);
        boolean met = all.precision() != null && all.precision() >= 0.5 && all.recall() != null && all.recall() >= 0.9
                && all.medianLeadDays() != null && all.medianLeadDays() >= 21
                && report.health().poorToGoodRatio() != null && report.health().poorToGoodRatio() >= 3;
        System.out.println("goal (precision >= 0.5 at recall >= 0.9, median lead >= 21 days, POOR >= 3 x GOOD): "
                + (met ? "met" : "NOT met"));
    }

    /** Which planted cancellations were caught, by kind of sign and by volume: where the rules go blind. */
    private static void caughtBy(PlantedChurnWorld world, BacktestReport report) {
        Set<String> caught = report.alerts().stream().filter(a -> a.churnRule() && a.caught()).map(a -> a.accountId())
                .collect(Collectors.toSet());
        Map<String, int[]> bySign = new TreeMap<>();
        Map<String, int[]> byVolume = new TreeMap<>();
        for (PlantedChurnWorld.Customer c : world.customers()) {
            if (!c.cancels() || c.cancelDay >= PlantedChurnWorld.PERIOD_DAYS) {
                continue;
            }
            boolean hit = caught.contains(c.account.id());
            if (!hit && Boolean.getBoolean("bench.quality.misses")) {
                System.out.printf(Locale.ROOT, "MISS %s %s uses/day %.1f signs %d days declineTo %.2f cancel day %d%n", c.account.id(),
                        c.signs, c.dailyUses, c.cancelDay - c.signsFrom, c.declineTo, c.cancelDay);
            }
            String signs = c.signs.stream().map(Enum::name).sorted().collect(Collectors.joining("+"));
            String volume = c.dailyUses < 3 ? "a: under 3 uses a day" : c.dailyUses < 30 ? "b: 3 to 30" : c.dailyUses < 300
                    ? "c: 30 to 300" : "d: 300 and more";
            for (Map<String, int[]> tally : List.of(bySign, byVolume)) {
                int[] counts = tally.computeIfAbsent(tally == bySign ? signs : volume, k -> new int[2]);
                counts[0]++;
                counts[1] += hit ? 1 : 0;
            }
        }
        if (Boolean.getBoolean("bench.quality.misses")) {
            Map<String, PlantedChurnWorld.Customer> byId = world.customers().stream()
                    .collect(Collectors.toMap(c -> c.account.id(), c -> c));
            // The earliest catching alert of each caught account: the lead each rule gives, beside what it misses.
            report.alerts().stream().filter(a -> a.churnRule() && a.caught())
                    .collect(Collectors.toMap(a -> a.accountId(), a -> a, (x, y) -> x.at().isBefore(y.at()) ? x : y, TreeMap::new))
                    .forEach((id, a) -> System.out.printf(Locale.ROOT, "CAUGHT %s day %d lead %.1f %s%n", id,
                            (int) Duration.between(PlantedChurnWorld.START, a.at()).toDays(), a.leadDays(), a.rule()));
            report.alerts().stream().filter(a -> a.churnRule() && a.cancelledAt() == null).forEach(a -> {
                PlantedChurnWorld.Customer c = byId.get(a.accountId());
                int day = (int) Duration.between(PlantedChurnWorld.START, a.at()).toDays();
                System.out.printf(Locale.ROOT, "FALSE %s day %d %s uses/day %.1f swing %.2f season %.2f holidays %s cancels %s%n",
                        a.accountId(), day, a.rule(), c.dailyUses, c.swing, c.seasonAmplitude,
                        c.holidays.stream().map(h -> h[0] + "+" + h[1]).toList(), c.cancels() ? "day " + c.cancelDay : "no");
            });
        }
        StringBuilder line = new StringBuilder("caught by sign:");
        bySign.forEach((k, v) -> line.append(' ').append(k).append(' ').append(v[1]).append('/').append(v[0]).append(';'));
        line.append("\ncaught by volume:");
        byVolume.forEach((k, v) -> line.append(' ').append(k).append(' ').append(v[1]).append('/').append(v[0]).append(';'));
        System.out.println(line);
    }

    private static String line(String name, ChurnScore score) {
        return String.format(Locale.ROOT, "%-62s %8d %7d %9s %7s %8s %10s", abbreviate(name), score.alertedAccounts(),
                score.caughtAccounts(), number(score.precision(), "%.2f"), number(score.recall(), "%.2f"),
                number(score.medianLeadDays(), "%.1f"), number(score.alertsPerHealthyAccountMonth(), "%.3f"));
    }

    private static String number(Double value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }

    /** A knob's value as tuning.yml would write it: 3, 2.5 (a surprise of 2.5 is no 3). */
    private static String plain(Double value) {
        return value == null ? "-" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String name) {
        return name.length() <= 62 ? name : name.substring(0, 59) + "...";
    }
}
