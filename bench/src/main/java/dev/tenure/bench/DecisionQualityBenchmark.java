package dev.tenure.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.backtest.BacktestProgress;
import dev.tenure.engine.backtest.BacktestReport;
import dev.tenure.engine.backtest.Backtests;
import dev.tenure.engine.backtest.CandidateRuleSets;
import dev.tenure.engine.backtest.RuleReport;
import dev.tenure.engine.facts.SignalHistory;
import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.Signal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    static final int SLICE_DAYS = 30;

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
                             "tenure.rules-folder", rules, "logging.level.root", "WARN"))
                     .run()) {
            PlantedChurnWorld world = new PlantedChurnWorld(accounts, seed, variant);
            Map<String, SignalHistory> histories = load(engine, world);
            RuleSet ruleSet = engine.getBean(CandidateRuleSets.class).active();
            Instant from = PlantedChurnWorld.START;
            Instant to = from.plus(Duration.ofDays(PlantedChurnWorld.PERIOD_DAYS));
            BacktestReport report = engine.getBean(Backtests.class).run(ruleSet, from, to, BacktestProgress.none());
            print(world, report, ruleSet, histories);
        }
    }

    /** Loads the world into PostgreSQL with COPY; keeps each account's signals in memory for the health slices. */
    private static Map<String, SignalHistory> load(ConfigurableApplicationContext engine, PlantedChurnWorld world) {
        long started = System.nanoTime();
        DataSource dataSource = engine.getBean(DataSource.class);
        Map<String, SignalHistory> histories = new HashMap<>();
        try (CopyLoader loader = new CopyLoader(dataSource, engine.getBean(ObjectMapper.class))) {
            loader.accounts(world.accounts());
            loader.contacts(world.contacts());
            for (int day = -PlantedChurnWorld.HISTORY_DAYS; day < PlantedChurnWorld.PERIOD_DAYS; day++) {
                for (Signal s : world.day(day)) {
                    loader.signal(s);
                    histories.computeIfAbsent(s.accountId(), id -> new SignalHistory()).add(s);
                }
            }
            loader.close();
            JdbcClient.create(dataSource).sql("ANALYZE").update();
            System.out.printf("Loaded %,d signals with COPY in %.1f s%n", loader.loaded(), (System.nanoTime() - started) / 1e9);
        }
        return histories;
    }

    private static void print(PlantedChurnWorld world, BacktestReport report, RuleSet ruleSet, Map<String, SignalHistory> histories) {
        Map<String, Instant> cancelled = new HashMap<>();
        report.cancellations().forEach(c -> cancelled.put(c.accountId(), c.at()));
        int healthy = world.accounts().size() - cancelled.size();
        double months = PlantedChurnWorld.PERIOD_DAYS / 30.0;
        Map<PlantedChurnWorld.Sign, Integer> signs = new EnumMap<>(PlantedChurnWorld.Sign.class);
        world.customers().stream().filter(PlantedChurnWorld.Customer::cancels)
                .forEach(c -> c.signs.forEach(s -> signs.merge(s, 1, Integer::sum)));
        System.out.printf("accounts %,d; cancelled in the period %,d (%.1f%%); signs planted %s%n", world.accounts().size(),
                cancelled.size(), 100.0 * cancelled.size() / world.accounts().size(), signs);
        System.out.printf("rule set %s; %,d signals replayed, %,d evaluations in %.1f s%n", report.ruleSetVersion(),
                report.signalsReplayed(), report.evaluations(), report.took().toMillis() / 1000.0);
        System.out.printf("%-62s %8s %9s %7s %7s %10s %14s%n", "rule (window " + WINDOW_DAYS + " days)", "alerted", "caught",
                "prec.", "recall", "lead (d)", "alerts/healthy/mo");
        Map<String, Instant> together = new HashMap<>();
        long healthyAlertsTogether = 0;
        for (RuleReport rule : report.rules()) {
            if (!rule.churnRule()) {
                continue;
            }
            Map<String, Instant> first = new HashMap<>();
            long healthyAlerts = 0;
            for (RuleReport.AlertedAccount a : rule.accounts()) {
                first.put(a.accountId(), a.firstStarted());
                together.merge(a.accountId(), a.firstStarted(), (x, y) -> x.isBefore(y) ? x : y);
                if (!cancelled.containsKey(a.accountId())) {
                    healthyAlerts += a.playsStarted();
                }
            }
            healthyAlertsTogether += healthyAlerts;
            System.out.println(line(rule.rule(), first, cancelled, healthyAlerts / (healthy * months)));
        }
        System.out.println(line("all churn rules together", together, cancelled, healthyAlertsTogether / (healthy * months)));
        health(world, ruleSet.health(), histories, cancelled);
    }

    /**
     * Stopgap scoring from each account's first alert: an alert catches a cancellation at most {@link #WINDOW_DAYS}
     * before it; precision is caught / alerted accounts (alerts after a cancellation left out).
     */
    private static String line(String name, Map<String, Instant> firstAlerts, Map<String, Instant> cancelled, double perHealthyMonth) {
        int alerted = 0;
        List<Double> leads = new ArrayList<>();
        for (Map.Entry<String, Instant> alert : firstAlerts.entrySet()) {
            Instant at = cancelled.get(alert.getKey());
            if (at == null) {
                alerted++;
            } else if (alert.getValue().isBefore(at)) {
                alerted++;
                double lead = Duration.between(alert.getValue(), at).toMinutes() / 1440.0;
                if (lead <= WINDOW_DAYS) {
                    leads.add(lead);
                }
            }
        }
        leads.sort(Double::compare);
        Double median = leads.isEmpty() ? null : leads.size() % 2 == 1 ? leads.get(leads.size() / 2)
                : (leads.get(leads.size() / 2 - 1) + leads.get(leads.size() / 2)) / 2;
        return String.format(Locale.ROOT, "%-62s %8d %9d %7s %7s %10s %14.3f", abbreviate(name), alerted, leads.size(),
                alerted == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) leads.size() / alerted),
                String.format(Locale.ROOT, "%.2f", cancelled.isEmpty() ? 0 : (double) leads.size() / cancelled.size()),
                median == null ? "-" : String.format(Locale.ROOT, "%.1f", median), perHealthyMonth);
    }

    /**
     * Health separation: each account's band at the start of every 30-day slice of the period, against whether it
     * cancelled within that slice; POOR's cancellation rate over GOOD's.
     */
    private static void health(PlantedChurnWorld world, HealthModel model, Map<String, SignalHistory> histories,
                               Map<String, Instant> cancelled) {
        Map<String, int[]> bands = new TreeMap<>();
        Map<String, List<Contact>> contacts = world.contacts().stream().collect(Collectors.groupingBy(Contact::accountId));
        for (int slice = 0; slice + SLICE_DAYS <= PlantedChurnWorld.PERIOD_DAYS; slice += SLICE_DAYS) {
            Instant at = PlantedChurnWorld.START.plus(Duration.ofDays(slice));
            Instant end = at.plus(Duration.ofDays(SLICE_DAYS));
            for (Account account : world.accounts()) {
                Instant c = cancelled.get(account.id());
                if (c != null && c.isBefore(at)) {
                    continue;
                }
                SignalHistory history = histories.getOrDefault(account.id(), new SignalHistory());
                String band = model.score(history.factsAsOf(account, contacts.getOrDefault(account.id(), List.of()), List.of(),
                        List.of(), at), 0, at).band();
                int[] counts = bands.computeIfAbsent(band, b -> new int[2]);
                counts[0]++;
                counts[1] += c != null && c.isBefore(end) ? 1 : 0;
            }
        }
        StringBuilder line = new StringBuilder("health at the start of each 30-day slice, cancelled within it:");
        bands.forEach((band, n) -> line.append(String.format(Locale.ROOT, " %s %d accounts, %d cancelled (%.1f%%);", band,
                n[0], n[1], 100.0 * n[1] / Math.max(1, n[0]))));
        double poor = rate(bands.get("POOR")), good = rate(bands.get("GOOD"));
        line.append(String.format(Locale.ROOT, " POOR / GOOD = %s", good == 0 ? "-" : String.format(Locale.ROOT, "%.1f", poor / good)));
        System.out.println(line);
    }

    private static double rate(int[] counts) {
        return counts == null || counts[0] == 0 ? 0 : (double) counts[1] / counts[0];
    }

    private static String abbreviate(String name) {
        return name.length() <= 62 ? name : name.substring(0, 59) + "...";
    }
}
