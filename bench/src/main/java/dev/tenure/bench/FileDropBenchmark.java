package dev.tenure.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How fast a warehouse export lands: a 1,000,000-row usage CSV dropped into the file-drop folder is read
 * (streamed), checked, stored (deduplicated, rolled up) and evaluated by the starter rules, timed from the
 * drop until every row is a signal and the file is in {@code done/}; then, in the same run and database,
 * the same file loaded with PostgreSQL's {@code COPY} into a plain table of the same columns, the floor
 * of what loading those bytes costs. Prints both rates and their ratio. Run it with
 * {@code ./mvnw -B -Pbench -pl bench -am verify -DskipTests -Dbench=filedrop} (bench/README.md).
 */
public final class FileDropBenchmark {

    static final long TARGET_PER_SECOND = 50_000;
    static final double TARGET_RATIO = 0.3;

    private static final Duration LONGEST_WAIT = Duration.ofMinutes(30);

    private FileDropBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, SQLException {
        int rows = Integer.getInteger("bench.filedrop.rows", 1_000_000);
        int accounts = Integer.getInteger("bench.filedrop.accounts", 10_000);
        int chunk = Integer.getInteger("bench.filedrop.chunk", 1_000);
        int warmUpRows = Integer.getInteger("bench.filedrop.warmup", 200_000);
        System.out.printf("File-drop benchmark: %,d usage rows over %,d accounts, chunks of %,d; %d processors, heap %d MB, "
                        + "load average %.2f%n", rows, accounts, chunk, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path work = Files.createTempDirectory("tenure-filedrop");
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path export = work.resolve("usage-export.csv");
        // As many days as the rows fill (50 for 1,000,000 rows), each account, feature and day once, as a warehouse's
        // daily export has it; fewer days make the export repeat them, which the rollup then adds up.
        int days = Integer.getInteger("bench.filedrop.days", 0);
        if (days <= 0) {
            days = Math.max(1, (rows + accounts * 2 - 1) / (accounts * 2));
        }
        writeExport(export, "acc-", "u-", rows, accounts, days);
        System.out.printf("Wrote %s (%,d MB, %d days)%n", export.getFileName(), Files.size(export) >> 20, days);
        boolean statements = Boolean.getBoolean("bench.statements");
        EmbeddedPostgres.Builder database = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off").setServerConfig("shared_buffers", "256MB");
        if (statements) {
            database.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        try (EmbeddedPostgres postgres = database.start();
             ConfigurableApplicationContext engine = new SpringApplicationBuilder(FileDropApplication.class)
                     .web(WebApplicationType.NONE)
                     // As arguments: they must outrank the engine's own defaults.
                     .run("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                             "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                             "--spring.main.banner-mode=off", "--tenure.rules-folder=rules", "--tenure.rules-watch=false",
                             "--tenure.files.inbox=" + inbox, "--tenure.files.poll-delay=100ms",
                             "--tenure.files.settle-time=100ms", "--tenure.files.chunk-size=" + chunk,
                             "--tenure.daily-evaluation=0 0 0 1 1 ? 2099", "--tenure.cadences.cron=0 0 0 1 1 ? 2099",
                             "--tenure.digest.cron=0 0 0 1 1 ? 2099", "--tenure.health.backfill.after-import=false",
                             "--logging.level.root=WARN")) {
            JdbcClient jdbc = engine.getBean(JdbcClient.class);
            loadAccounts(jdbc, "acc-", accounts);
            warmUp(jdbc, work, inbox, warmUpRows);
            if (statements) {
                jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
                jdbc.sql("SELECT pg_stat_statements_reset()").query().listOfRows();
            }

            // The move into the inbox is atomic, so the route never sees half a file.
            Instant droppedAt = jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long started = System.nanoTime();
            Files.move(export, inbox.resolve(export.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            double dropped = waitFor(jdbc, inbox.resolve("done").resolve(export.getFileName()), rows, started);
            System.out.printf("the engine's JVM used %.2f s of CPU during the drop%n", (os.getProcessCpuTime() - cpuBefore) / 1e9);
            long signals = jdbc.sql("SELECT count(*) FROM usage_event WHERE source = 'file' AND account_id LIKE 'acc-%'").query(Long.class).single();
            // A chunk's rows carry its transaction's start: the last one tells when storing ended and evaluating began.
            Timestamp lastChunk = jdbc.sql("SELECT max(received_at) FROM usage_event WHERE source = 'file' AND account_id LIKE 'acc-%'")
                    .query(Timestamp.class).single();
            double storing = lastChunk == null ? 0 : Duration.between(droppedAt, lastChunk.toInstant()).toMillis() / 1e3;
            System.out.printf("last chunk stored from %.2f s after the drop; evaluation ended at %.2f s%n", storing, dropped);
            long deadLetters = jdbc.sql("SELECT count(*) FROM dead_letter").query(Long.class).single();
            long plays = jdbc.sql("SELECT count(*) FROM play_run WHERE account_id LIKE 'acc-%'").query(Long.class).single();

            if (statements) {
                printStatements(jdbc);
            }
            jdbc.sql("""
                    CREATE TABLE usage_copy (event_id text PRIMARY KEY, account_id text NOT NULL, occurred_at timestamptz NOT NULL,
                                             feature text NOT NULL, quantity integer, active_users integer)""").update();
            double copied = copy(engine.getBean(DataSource.class), inbox.resolve("done").resolve(export.getFileName()));
            print(rows, dropped, copied, signals, deadLetters, plays);
        }
    }

    /**
     * Daily usage exports of the last {@code days} days, as a warehouse writes them: per account and day a row
     * for the core feature and one for reports, a tenth of the accounts using the product far less in the last
     * week. Rows beyond {@code days} days' worth start over at the oldest day.
     */
    private static void writeExport(Path file, String accountPrefix, String eventPrefix, int rows, int accounts, int days)
            throws IOException {
        Random random = new Random(42);
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("eventId,accountId,occurredAt,feature,quantity,activeUsers\n");
            int perDay = accounts * 2;
            for (int n = 0; n < rows; n++) {
                int day = days - 1 - (n / perDay) % days;
                int account = (n / 2) % accounts;
                String feature = n % 2 == 0 ? "core" : "reports";
                boolean declining = account % 10 == 0 && day <= 7;
                int quantity = declining ? random.nextInt(5) : 20 + random.nextInt(40);
                out.write(eventPrefix + n + "," + accountPrefix + account + "," + today.minus(day, ChronoUnit.DAYS).plusSeconds(3600 + account % 3600)
                        + "," + feature + "," + quantity + "," + (1 + quantity / 10) + "\n");
            }
        }
    }

    private static void loadAccounts(JdbcClient jdbc, String prefix, int accounts) {
        jdbc.sql("""
                INSERT INTO account (id, name, segment, stage, csm, arr, plan, started_on, renewal_on, timezone)
                SELECT :prefix || n, 'Account ' || n, (ARRAY['HIGH_TOUCH', 'LOW_TOUCH', 'TECH_TOUCH'])[1 + n % 3], 'ADOPTION',
                       'csm-' || (n % 50) || '@cs.test', 12000, 'growth', current_date - 400, current_date + 200, 'UTC'
                FROM generate_series(0, :accounts - 1) n""").param("prefix", prefix).param("accounts", accounts).update();
        jdbc.sql("""
                INSERT INTO contact (account_id, email, name, role, timezone, active, unsubscribed)
                SELECT :prefix || n, 'champion@' || :prefix || n || '.test', 'Champion ' || n, 'CHAMPION', 'UTC', true, false
                FROM generate_series(0, :accounts - 1) n""").param("prefix", prefix).param("accounts", accounts).update();
    }

    /**
     * Drops a smaller export for accounts of its own first, untimed, and waits until the steps it made due
     * have run: the timed drop then meets an engine that has been running (its code compiled by the JIT),
     * not one that started a second ago. Nothing of it touches the timed file's accounts.
     */
    private static void warmUp(JdbcClient jdbc, Path work, Path inbox, int rows) throws IOException, InterruptedException {
        if (rows <= 0) {
            return;
        }
        int accounts = Math.max(1, rows / 100);
        loadAccounts(jdbc, "warm-", accounts);
        Path export = work.resolve("usage-warm-up.csv");
        writeExport(export, "warm-", "w-", rows, accounts, Math.max(1, (rows + accounts * 2 - 1) / (accounts * 2)));
        long started = System.nanoTime();
        Files.move(export, inbox.resolve(export.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        double seconds = waitFor(jdbc, inbox.resolve("done").resolve(export.getFileName()), rows, started);
        long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
        while (System.nanoTime() < deadline && jdbc.sql("SELECT count(*) FROM play_step WHERE status = 'SCHEDULED' AND due_at <= now()")
                .query(Long.class).single() > 0) {
            // A poll, as in waitFor: the steps run on the engine's own threads.
            Thread.sleep(50);
        }
        System.out.printf("Warm-up: %,d rows over %,d other accounts in %.2f s (untimed), its due steps run%n", rows, accounts, seconds);
    }

    /** Waits until the file is in done/ and every row is a signal (or a dead letter); returns the seconds. */
    private static double waitFor(JdbcClient jdbc, Path done, int rows, long started) throws InterruptedException {
        long deadline = started + LONGEST_WAIT.toNanos();
        long lastReport = started;
        while (System.nanoTime() < deadline) {
            if (Files.exists(done)) {
                return (System.nanoTime() - started) / 1e9;
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                // The statistics' running count, not count(*): counting the table would take a core from the drop.
                long stored = jdbc.sql("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'usage_event'").query(Long.class).single();
                System.out.printf("  about %,d of %,d rows stored after %.0f s%n", stored, rows, (lastReport - started) / 1e9);
            }
            // A poll, not a timed pause in a test: the benchmark watches the route from outside.
            Thread.sleep(50);
        }
        throw new IllegalStateException("The file was not done within " + LONGEST_WAIT);
    }

    /** Where PostgreSQL spent the drop's time (with -Dbench.statements=true): the statements that took longest in all. */
    private static void printStatements(JdbcClient jdbc) {
        System.out.printf("%10s %10s %10s %12s  %s%n", "calls", "total ms", "mean ms", "rows", "statement");
        jdbc.sql("""
                        SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') AS query
                        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15""")
                .query((rs, n) -> String.format("%,10d %,10.0f %10.2f %,12d  %.110s", rs.getLong(1), rs.getDouble(2), rs.getDouble(3),
                        rs.getLong(4), rs.getString(5)))
                .list().forEach(System.out::println);
    }

    /** The same file through COPY into a table of its own columns; returns the seconds. */
    private static double copy(DataSource dataSource, Path file) throws IOException, SQLException {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY usage_copy (event_id, account_id, occurred_at, feature, quantity, active_users) FROM STDIN (FORMAT csv, HEADER true)",
                    reader);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void print(int rows, double dropped, double copied, long signals, long deadLetters, long plays) {
        long dropRate = Math.round(rows / dropped);
        long copyRate = Math.round(rows / copied);
        double ratio = dropped == 0 ? 0 : copied / dropped;
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-46s %10s %10s %10s", "usage CSV", "rows", "seconds", "rows/s"));
        lines.add(String.format("%-46s %,10d %10.2f %,10d", "file drop: read, stored, rolled up, evaluated", rows, dropped, dropRate));
        lines.add(String.format("%-46s %,10d %10.2f %,10d", "COPY into a table of the same columns", rows, copied, copyRate));
        lines.add(String.format("ratio file drop / COPY: %.2f", ratio));
        lines.add(String.format("target %,d rows/s and %.1f x COPY: %s", TARGET_PER_SECOND, TARGET_RATIO,
                dropRate >= TARGET_PER_SECOND && ratio >= TARGET_RATIO ? "met" : "NOT met"));
        lines.add(String.format("signals stored %,d, dead letters %,d, plays started %,d", signals, deadLetters, plays));
        lines.forEach(System.out::println);
        if (signals + deadLetters < rows) {
            throw new IllegalStateException("Only " + (signals + deadLetters) + " of " + rows + " rows were accounted for");
        }
    }
}
