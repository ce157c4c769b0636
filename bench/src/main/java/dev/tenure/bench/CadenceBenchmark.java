package dev.tenure.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.cadences.CadencePass;
import dev.tenure.engine.cadences.Cadences;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Times one cadence pass over 100,000 accounts (bench.cadence.accounts), every one of them with a QBR
 * and a renewal coming up, so the pass writes an occurrence of both plays for each: the worst pass there
 * is, a first start or a catch-up after long downtime. Then times a second pass, which finds everything
 * written and writes nothing (what every hourly firing costs in between). Accounts are loaded with COPY
 * into a fresh embedded PostgreSQL; Quartz is not started, so no step runs meanwhile.
 */
public final class CadenceBenchmark {

    private CadenceBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int accounts = Integer.getInteger("bench.cadence.accounts", 100_000);
        System.out.printf("Cadence benchmark: %,d accounts, %d processors, heap %d MB, load average %.2f%n", accounts,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off").setServerConfig("shared_buffers", "256MB").start();
             ConfigurableApplicationContext engine = new SpringApplicationBuilder(BenchApplication.class)
                     .web(WebApplicationType.NONE)
                     .properties(Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                             "spring.datasource.username", "postgres", "spring.datasource.password", "postgres",
                             "spring.quartz.auto-startup", "false", "spring.main.banner-mode", "off",
                             "tenure.rules-folder", "rules", "logging.level.root", "WARN"))
                     .run()) {
            load(engine.getBean(DataSource.class), engine.getBean(ObjectMapper.class), accounts);
            Cadences cadences = engine.getBean(Cadences.class);
            long first = System.nanoTime();
            CadencePass pass = cadences.run();
            double firstSeconds = (System.nanoTime() - first) / 1e9;
            long second = System.nanoTime();
            CadencePass again = cadences.run();
            double secondSeconds = (System.nanoTime() - second) / 1e9;
            long triggers = JdbcClient.create(engine.getBean(DataSource.class))
                    .sql("SELECT count(*) FROM qrtz_triggers").query(Long.class).single();
            System.out.printf("%-28s %10s %12s %10s %10s %14s%n", "pass", "accounts", "occurrences", "steps", "seconds",
                    "occurrences/s");
            System.out.printf("%-28s %,10d %,12d %,10d %10.2f %,14.0f%n", "first (all due)", accounts,
                    pass.occurrences(), pass.steps(), firstSeconds, pass.occurrences() / firstSeconds);
            System.out.printf("%-28s %,10d %,12d %,10d %10.2f %14s%n", "second (nothing new)", accounts,
                    again.occurrences(), again.steps(), secondSeconds, "-");
            System.out.printf("Quartz triggers in the store: %d (the standing ones and one wake-up per due second)%n",
                    triggers);
        }
    }

    /** High-touch accounts 76 days into a 90-day QBR cycle and 100 days before renewal, one champion each. */
    private static void load(DataSource dataSource, ObjectMapper json, int count) {
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Account> accounts = new ArrayList<>(count);
        List<Contact> contacts = new ArrayList<>(count);
        String[] zones = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"};
        for (int i = 0; i < count; i++) {
            String id = String.format("cadence-%06d", i);
            accounts.add(new Account(id, "Account " + i, Segment.HIGH_TOUCH, Stage.VALUE, "csm-" + (i % 40) + "@tenure.example",
                    BigDecimal.valueOf(24_000), "growth", today.minusDays(76 + 90 * (i % 4)), today.plusDays(100),
                    zones[i % zones.length]));
            contacts.add(new Contact(id, "champion@" + id + ".example", "Champion", ContactRole.CHAMPION, null, true, false));
        }
        try (CopyLoader loader = new CopyLoader(dataSource, json)) {
            loader.accounts(accounts);
            loader.contacts(contacts);
        }
        JdbcClient.create(dataSource).sql("ANALYZE").update();
        System.out.printf("Loaded %,d accounts and %,d contacts with COPY in %.1f s%n", count, count,
                (System.nanoTime() - started) / 1e9);
    }
}
