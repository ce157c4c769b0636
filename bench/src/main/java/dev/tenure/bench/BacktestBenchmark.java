package dev.tenure.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.backtest.BacktestProgress;
import dev.tenure.engine.backtest.BacktestReport;
import dev.tenure.engine.backtest.Backtests;
import dev.tenure.engine.backtest.CandidateRuleSets;
import dev.tenure.engine.backtest.RuleReport;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.vocabulary.Signal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays a million stored signals over ten thousand accounts through the backtest with the starter rule
 * pack, and the same replay through an empty rule set as the baseline (reading, rolling up, scoring
 * health and running empty sessions: everything but the rules), and prints both rates and their ratio.
 * The signals are made deterministically and loaded into a fresh embedded PostgreSQL with COPY first, so
 * the replay reads them the way a real backtest does. Run it with {@code ./mvnw -B -Pbench -pl bench
 * -am verify -DskipTests} (bench/README.md).
 */
public final class BacktestBenchmark {

    /** The target: the rate the live path aims for. */
    static final long TARGET_PER_SECOND = 50_000;

    private BacktestBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int accounts = Integer.getInteger("bench.accounts", 10_000);
        long signals = Long.getLong("bench.signals", 1_000_000);
        int workers = Integer.getInteger("bench.workers", 0);
        System.out.printf("Backtest benchmark: %,d signals over %,d accounts, %d processors, heap %d MB, load average %.2f%n",
                signals, accounts, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off").setServerConfig("work_mem", "256MB")
                .setServerConfig("shared_buffers", "256MB").start();
             ConfigurableApplicationContext engine = new SpringApplicationBuilder(BenchApplication.class)
                     .web(WebApplicationType.NONE)
                     .properties(Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                             "spring.datasource.username", "postgres", "spring.datasource.password", "postgres",
                             "spring.quartz.auto-startup", "false", "spring.main.banner-mode", "off",
                             "tenure.rules-folder", "rules", "tenure.backtest.workers", String.valueOf(workers),
                             "logging.level.root", "WARN", "logging.level.dev.tenure.engine.backtest", "INFO"))
                     .run()) {
            Instant to = load(engine, accounts, signals);
            CandidateRuleSets ruleSets = engine.getBean(CandidateRuleSets.class);
            Backtests backtests = engine.getBean(Backtests.class);
            RuleSet starter = ruleSets.active();
            RuleSet empty = ruleSets.compile(RuleSetFiles.of(List.of()));
            Instant from = SyntheticCustomers.START;

            System.out.println("Warming up (starter rules, first week)...");
            backtests.run(starter, from, from.plus(Duration.ofDays(7)), BacktestProgress.none());
            BacktestReport baseline = backtests.run(empty, from, to, BacktestProgress.none());
            BacktestReport rules = backtests.run(starter, from, to, BacktestProgress.none());
            print(baseline, rules);
        }
    }

    /** Makes the customers and their signals and loads them; returns the end of the period replayed. */
    private static Instant load(ConfigurableApplicationContext engine, int accounts, long target) {
        long started = System.nanoTime();
        SyntheticCustomers customers = new SyntheticCustomers(accounts, 20260101L);
        DataSource dataSource = engine.getBean(DataSource.class);
        long replayed = 0;
        Instant to = SyntheticCustomers.START;
        try (CopyLoader loader = new CopyLoader(dataSource, engine.getBean(ObjectMapper.class))) {
            loader.accounts(customers.accounts());
            loader.contacts(customers.contacts());
            for (int day = -35; replayed < target; day++) {
                for (Signal s : customers.day(day)) {
                    if (day >= 0) {
                        if (replayed == target) {
                            break;
                        }
                        replayed++;
                        to = s.occurredAt().plusMillis(1);
                    }
                    loader.signal(s);
                }
            }
            loader.close();
            JdbcClient.create(dataSource).sql("ANALYZE").update();
            System.out.printf("Loaded %,d accounts and %,d signals (%,d in the period %s .. %s) with COPY in %.1f s%n",
                    accounts, loader.loaded(), replayed, SyntheticCustomers.START, to, (System.nanoTime() - started) / 1e9);
        }
        return to;
    }

    private static void print(BacktestReport baseline, BacktestReport rules) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-34s %12s %12s %10s %12s", "replay", "signals", "evaluations", "seconds", "signals/s"));
        lines.add(row("baseline: empty rule set", baseline));
        lines.add(row("starter rule pack (" + rules.ruleSetVersion() + ")", rules));
        lines.add(String.format("ratio starter / baseline: %.2f", (double) rules.signalsPerSecond() / baseline.signalsPerSecond()));
        boolean met = rules.signalsPerSecond() >= TARGET_PER_SECOND;
        lines.add(String.format("target %,d signals/s: %s", TARGET_PER_SECOND, met ? "met" : "NOT met"));
        lines.add(String.format("daily evaluations of idle accounts: %,d; accounts cancelled in the period: %,d",
                rules.dailyEvaluations(), rules.cancellations().size()));
        lines.add(String.format("churn rules together: precision %.3f, recall %.3f, median lead %s days",
                rules.churnRules().precision(), rules.churnRules().recall(), rules.churnRules().medianLeadDays()));
        for (RuleReport rule : rules.rules()) {
            lines.add(String.format("  %6d plays, %5d accounts  %s", rule.playsStarted(), rule.accounts().size(), rule.rule()));
        }
        System.out.println(String.join(System.lineSeparator(), lines));
    }

    private static String row(String name, BacktestReport report) {
        return String.format("%-34s %,12d %,12d %10.2f %,12d", name, report.signalsReplayed(), report.evaluations(),
                report.took().toMillis() / 1000.0, report.signalsPerSecond());
    }
}
