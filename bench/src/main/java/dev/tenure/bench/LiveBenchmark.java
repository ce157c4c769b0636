package dev.tenure.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The live path under a steady load: the whole application (web server, security, the webhook route, storing,
 * evaluating the starter rules and the benchmark's own, Quartz running the steps) on an embedded PostgreSQL,
 * driven over HTTP at fixed rates. Open loop: request {@code i} is due at {@code start + i / rate} whether or not
 * the earlier ones were answered, and its latency counts from that time, so a server that falls behind shows it
 * (a client that waited for each answer would send less and hide the queue: coordinated omission).
 * <p>
 * Every {@code taskEvery}-th request carries P1 tickets with the subject {@code live-bench} for accounts that had
 * none, which the benchmark's rule ({@code bench/live-rules}) answers with a play whose task is due at once; the
 * others carry usage for random accounts, which are stored and evaluated like any. Signal → task visible is
 * timed from the request's due time until the task's row can be read from another connection. The same phases
 * run against a bare webhook ({@link BareWebhook}) that stores nothing: the cost of HTTP alone, on the same
 * machine, in the same run. Run it with {@code ./mvnw -B -Pbench -pl bench -am verify -DskipTests -Dbench=live}
 * (bench/README.md).
 */
public final class LiveBenchmark {

    static final double TARGET_RATE = 500;
    static final Duration TARGET_P99 = Duration.ofMillis(100);
    static final Duration HELD_P99 = Duration.ofSeconds(1);

    private static final String SECRET = "live-bench-secret";
    private static final Duration LONGEST_DRAIN = Duration.ofSeconds(90);
    private static final Duration IDLE = Duration.ofSeconds(5);
    /** Calls a second the search does not go beyond: past it the sender, not the application, would be measured. */
    private static final double SEARCH_CEILING = 10_000;
    /** Records a second the search does not go beyond: their bodies are made before a step starts, and must fit the heap. */
    private static final double SEARCH_CEILING_RECORDS = 50_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String jdbcUrl;
    private final JdbcClient jdbc;
    private final int accounts;
    private final int taskEvery;
    private final boolean statements;
    private final long postmaster;
    private final Random random = new Random(42);
    private long nextEvent;
    private int nextTriggerAccount;
    private int triggerAccountsLoaded;
    private Cpu idle = new Cpu(0, 0);

    private LiveBenchmark(String base, String jdbcUrl, JdbcClient jdbc, int accounts, int taskEvery, boolean statements) {
        this.statements = statements;
        // The server's main process, whose children are the backends: its id heads postmaster.pid in its data folder.
        String dataDirectory = jdbc.sql("SHOW data_directory").query(String.class).single();
        try {
            this.postmaster = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.base = base;
        this.jdbcUrl = jdbcUrl;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.taskEvery = taskEvery;
    }

    public static void main(String[] args) throws IOException, InterruptedException, SQLException {
        double rate = Double.parseDouble(System.getProperty("bench.live.rate", "500"));
        double batchRate = Double.parseDouble(System.getProperty("bench.live.batchRate", "5"));
        int batchSize = Integer.getInteger("bench.live.batchSize", 100);
        int seconds = Integer.getInteger("bench.live.seconds", 30);
        int warmUp = Integer.getInteger("bench.live.warmup", 20);
        boolean search = Boolean.parseBoolean(System.getProperty("bench.live.search", "true"));
        int searchSeconds = Integer.getInteger("bench.live.searchSeconds", 15);
        int taskEvery = Integer.getInteger("bench.live.taskEvery", 10);
        int accounts = Integer.getInteger("bench.live.accounts", 20_000);
        String fsync = System.getProperty("bench.live.fsync", "on");
        String extra = System.getProperty("bench.live.args", "").trim();
        boolean statements = Boolean.getBoolean("bench.live.statements");
        System.out.printf("Live-path benchmark: single records at %.0f/s and batches of %d at %.0f/s, %d s each (warm-up %d s); "
                        + "every %d-th request makes tasks; %,d accounts; fsync %s; %d processors, heap %d MB, load average %.2f%n",
                rate, batchSize, batchRate, seconds, warmUp, taskEvery, accounts, fsync, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // The database's start-up chatter (initdb's every step) would bury the figures; Spring quiets it once it starts.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.zonky")).setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("tenure-live");
        Path rules = rulesWithTheBenchmarksOwn(work);
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--tenure.rules-folder=" + rules, "--tenure.rules-watch=false",
                "--tenure.webhooks.secrets.usage=" + SECRET, "--tenure.webhooks.secrets.tickets=" + SECRET,
                // Only the live path runs: no daily evaluation, cadence or digest firing in the middle of a phase.
                "--tenure.daily-evaluation=0 0 0 1 1 ? 2099", "--tenure.cadences.cron=0 0 0 1 1 ? 2099",
                "--tenure.digest.cron=0 0 0 1 1 ? 2099", "--tenure.health.backfill.after-import=false",
                // The application logs as it would in production (a line per task), to a file, not over the figures.
                "--logging.file.name=" + work.resolve("tenure.log"), "--logging.threshold.console=WARN"));
        if (!extra.isEmpty()) {
            arguments.addAll(Arrays.asList(extra.split("\\s+")));
        }
        // The server as the application's own embedded database runs it (fsync on), in a folder of its own.
        EmbeddedPostgres.Builder database = EmbeddedPostgres.builder().setServerConfig("fsync", fsync);
        if (statements) {
            database.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        try (EmbeddedPostgres postgres = database.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            arguments.addAll(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres"));
            long starting = System.nanoTime();
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LiveApplication.class)
                    .run(arguments.toArray(String[]::new))) {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                System.out.printf("Application started in %.1f s on port %d (log: %s)%n", (System.nanoTime() - starting) / 1e9,
                        port, work.resolve("tenure.log"));
                LiveBenchmark bench = new LiveBenchmark("http://localhost:" + port, url, app.getBean(JdbcClient.class), accounts, taskEvery,
                        statements);
                bench.run(rate, batchRate, batchSize, seconds, warmUp, search, searchSeconds);
            }
        }
    }

    private void run(double rate, double batchRate, int batchSize, int seconds, int warmUp, boolean search, int searchSeconds)
            throws InterruptedException, SQLException {
        loadAccounts("acc-", 0, accounts);
        if (warmUp > 0) {
            // A fresh JVM compiles the code it runs for its first seconds: the timed phases meet a warm one. Gently first,
            // or the cold JVM's queue would take the rest of the warm-up to drain.
            phase(Target.WEBHOOK, rate / 10, Math.max(1, warmUp / 2), 1);
            Result warm = phase(Target.WEBHOOK, rate / 2, Math.max(1, warmUp / 2), 1);
            phase(Target.BARE, rate / 2, Math.max(1, warmUp / 2), 1);
            phase(Target.WEBHOOK, batchRate, Math.max(1, warmUp / 2), batchSize);
            System.out.printf("Warm-up (untimed): %s%n", warm.summary());
        }
        // What the application costs doing nothing (the scheduler's polls, the pool's upkeep, the JIT finishing up),
        // taken off each phase's CPU, so the figures per request are what the requests cost.
        Cpu idleFrom = Cpu.now(postmaster);
        Thread.sleep(IDLE.toMillis());
        idle = Cpu.now(postmaster).minus(idleFrom);
        System.out.printf("Idle for %d s: the JVM used %.1f ms of CPU a second, PostgreSQL %.1f ms%n", IDLE.toSeconds(),
                idle.jvmNanos() / 1e6 / IDLE.toSeconds(), idle.databaseNanos() / 1e6 / IDLE.toSeconds());
        List<Result> results = new ArrayList<>();
        results.add(phase(Target.BARE, rate, seconds, 1));
        if (statements) {
            jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            jdbc.sql("SELECT pg_stat_statements_reset()").query().listOfRows();
        }
        results.add(phase(Target.WEBHOOK, rate, seconds, 1));
        if (statements) {
            printStatements(results.get(1).requests());
        }
        results.add(phase(Target.BARE, batchRate, seconds, batchSize));
        results.add(phase(Target.WEBHOOK, batchRate, seconds, batchSize));
        System.out.println();
        System.out.println(Result.HEADER);
        results.forEach(r -> System.out.println(r.line()));
        System.out.printf("latencies in ms from each request's due time; JVM cpu, PG cpu: ms of CPU per request over the phase, less what "
                + "the idle application used in the same time (the JVM's includes sending the load and watching for tasks); %d processors "
                + "have %,d ms a second%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors() * 1000);
        Result single = results.get(1);
        System.out.printf("target %.0f single-record webhooks/s with p99 <= %d ms (answer and task): %s%n", TARGET_RATE,
                TARGET_P99.toMillis(), single.rate() >= TARGET_RATE && single.failed() == 0
                        && single.answerP99() <= TARGET_P99.toNanos() && single.taskP99() <= TARGET_P99.toNanos() ? "met" : "NOT met");
        if (search) {
            List<String> found = new ArrayList<>();
            found.add(search(Target.BARE, 1, rate, searchSeconds));
            found.add(search(Target.WEBHOOK, 1, rate / 2, searchSeconds));
            found.add(search(Target.BARE, batchSize, batchRate, searchSeconds));
            found.add(search(Target.WEBHOOK, batchSize, batchRate, searchSeconds));
            System.out.println();
            System.out.printf("highest rate held (every request answered 2xx; p99 of the answer, and of task visible, under %d ms):%n",
                    HELD_P99.toMillis());
            found.forEach(System.out::println);
        }
    }

    /**
     * Raises the rate by half each time while it is held, then halves the gap to the first rate not held twice.
     * Returns a line naming the highest rate held.
     */
    private String search(Target target, int batchSize, double from, int seconds) throws InterruptedException, SQLException {
        System.out.printf("%nSearching the highest rate held: %s, %d record%s a request%n", target.label, batchSize, batchSize == 1 ? "" : "s");
        System.out.println(Result.HEADER);
        double held = 0;
        Result best = null;
        double notHeld = 0;
        double rate = from;
        while (notHeld == 0 && rate <= SEARCH_CEILING && rate * batchSize <= SEARCH_CEILING_RECORDS) {
            Result result = phase(target, rate, seconds, batchSize);
            System.out.println(result.line());
            if (result.held()) {
                held = rate;
                best = result;
                rate = rate * 1.5;
            } else {
                notHeld = rate;
            }
        }
        if (notHeld == 0 && best != null) {
            return String.format("  %-34s %,8.0f requests/s (%,.0f records/s) and more: the search stops there: %s", best(target, batchSize),
                    held, held * batchSize, best.percentiles());
        }
        if (held == 0 && notHeld > 0) {
            // Not even the first rate: look below it.
            for (rate = notHeld / 2; rate >= 1 && best == null; rate /= 2) {
                Result result = phase(target, rate, seconds, batchSize);
                System.out.println(result.line());
                if (result.held()) {
                    held = rate;
                    best = result;
                } else {
                    notHeld = rate;
                }
            }
        }
        for (int step = 0; step < 2 && held > 0; step++) {
            double between = Math.round((held + notHeld) / 2);
            Result result = phase(target, between, seconds, batchSize);
            System.out.println(result.line());
            if (result.held()) {
                held = between;
                best = result;
            } else {
                notHeld = between;
            }
        }
        return best == null ? String.format("  %-34s none held", best(target, batchSize))
                : String.format("  %-34s %,8.0f requests/s (%,.0f records/s), not held at %,.0f/s: %s", best(target, batchSize), held,
                held * batchSize, notHeld, best.percentiles());
    }

    private static String best(Target target, int batchSize) {
        return target.label + (batchSize == 1 ? ", single records" : ", batches of " + batchSize);
    }

    /** One phase at a fixed rate: sends, waits for every answer and every task, returns the figures. */
    private Result phase(Target target, double rate, int seconds, int batchSize) throws InterruptedException, SQLException {
        int count = Math.max(1, (int) Math.round(rate * seconds));
        boolean makesTasks = target == Target.WEBHOOK && taskEvery > 0;
        int triggers = makesTasks ? count / taskEvery * batchSize : 0;
        ensureTriggerAccounts(triggers);
        // Made before the clock starts, so the sending thread does nothing but send.
        String[] bodies = new String[count];
        String[] kinds = new String[count];
        Map<String, Integer> taskOf = new HashMap<>();
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        for (int i = 0; i < count; i++) {
            boolean trigger = taskEvery > 0 && i % taskEvery == taskEvery - 1;
            kinds[i] = trigger ? "tickets" : "usage";
            StringBuilder body = new StringBuilder(batchSize == 1 ? 200 : batchSize * 200);
            if (batchSize > 1) {
                body.append('[');
            }
            for (int r = 0; r < batchSize; r++) {
                if (r > 0) {
                    body.append(',');
                }
                long event = nextEvent++;
                if (trigger) {
                    String account = makesTasks ? "hot-" + nextTriggerAccount++ : "acc-" + random.nextInt(accounts);
                    if (makesTasks) {
                        taskOf.put(account, i);
                    }
                    body.append("{\"eventId\":\"live-").append(event).append("\",\"accountId\":\"").append(account)
                            .append("\",\"occurredAt\":\"").append(now).append("\",\"ticketId\":\"T-").append(event)
                            .append("\",\"priority\":\"").append(makesTasks ? "P1" : "P3")
                            .append("\",\"status\":\"OPEN\",\"subject\":\"live-bench\"}");
                } else {
                    body.append("{\"eventId\":\"live-").append(event).append("\",\"accountId\":\"acc-").append(random.nextInt(accounts))
                            .append("\",\"occurredAt\":\"").append(now).append("\",\"feature\":\"")
                            .append(random.nextInt(4) == 0 ? "reports" : "core").append("\",\"quantity\":").append(1 + random.nextInt(20))
                            .append(",\"activeUsers\":").append(1 + random.nextInt(5)).append('}');
                }
            }
            if (batchSize > 1) {
                body.append(']');
            }
            bodies[i] = body.toString();
        }

        long[] due = new long[count];
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        long[] answered = new long[count];
        int[] status = new int[count];
        CountDownLatch answers = new CountDownLatch(count);
        TaskWatch tasks = makesTasks ? new TaskWatch(jdbcUrl, taskOf, due) : null;
        long period = Math.round(1e9 / rate);
        Cpu cpuBefore = Cpu.now(postmaster);
        long start = System.nanoTime() + 50_000_000L;
        long lateSends = 0;
        for (int i = 0; i < count; i++) {
            due[i] = start + i * period;
            long wait;
            while ((wait = due[i] - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            lateSends = Math.max(lateSends, System.nanoTime() - due[i]);
            int n = i;
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + target.path + kinds[i]))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("X-Tenure-Source-Secret", SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(bodies[i])).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                answered[n] = System.nanoTime();
                status[n] = error == null ? response.statusCode() : -1;
                if (error != null || response.statusCode() >= 300) {
                    Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
                    failures.merge(error == null ? "HTTP " + response.statusCode() : cause.getClass().getSimpleName() + ": "
                            + cause.getMessage(), 1, Integer::sum);
                }
                answers.countDown();
            });
        }
        long sent = System.nanoTime();
        boolean allAnswered = answers.await(LONGEST_DRAIN.toSeconds(), TimeUnit.SECONDS);
        long[] taskLatencies = tasks == null ? new long[0] : tasks.awaitAll(LONGEST_DRAIN);
        long took = System.nanoTime() - start;
        Cpu cpu = Cpu.now(postmaster).minus(cpuBefore).minus(idle.times(took / (double) IDLE.toNanos()));
        int failed = 0;
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            if (!allAnswered && answered[i] == 0 || status[i] < 200 || status[i] >= 300) {
                failed++;
                latencies[i] = Long.MAX_VALUE;
            } else {
                latencies[i] = answered[i] - due[i];
            }
        }
        Arrays.sort(latencies);
        Arrays.sort(taskLatencies);
        double actualRate = count / ((sent - start) / 1e9 + period / 1e9);
        // A pause between phases: what one left behind (steps, connections) must not weigh on the next.
        Thread.sleep(2_000);
        if (failed > 0) {
            // Not the application's answer when the sender failed (a connection the server had just closed, say): told apart here.
            System.out.printf("  %s at %.1f/s: %d failed: %s%n", best(target, batchSize), rate, failed, failures);
        }
        return new Result(target, batchSize, rate, actualRate, count, failed, latencies, triggers, taskLatencies, lateSends, cpu);
    }

    /**
     * Where PostgreSQL spent the single-record webhook phase (with -Dbench.live.statements=true): the statements
     * that took longest in all, with how often each ran per request.
     */
    private void printStatements(int requests) {
        System.out.printf("%nPostgreSQL during the single-record webhook phase (%,d requests):%n", requests);
        System.out.printf("%10s %9s %10s %9s  %s%n", "calls", "per req", "total ms", "mean ms", "statement");
        jdbc.sql("""
                        SELECT calls, total_exec_time, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g') AS query
                        FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 25""")
                .query((rs, n) -> String.format("%,10d %9.2f %,10.0f %9.3f  %.120s", rs.getLong(1), rs.getLong(1) / (double) requests,
                        rs.getDouble(2), rs.getDouble(3), rs.getString(4)))
                .list().forEach(System.out::println);
        jdbc.sql("SELECT sum(calls), sum(total_exec_time) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'")
                .query((rs, n) -> String.format("all statements: %,d calls (%.1f per request), %,.0f ms", rs.getLong(1),
                        rs.getLong(1) / (double) requests, rs.getDouble(2)))
                .single().lines().forEach(System.out::println);
    }

    /** Copies the repository's rules (the starter pack, with its scenarios) and adds the benchmark's own. */
    private static Path rulesWithTheBenchmarksOwn(Path work) throws IOException {
        Path rules = work.resolve("rules");
        copyTree(Path.of("rules"), rules);
        copyTree(Path.of("bench", "live-rules"), rules);
        return rules;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void loadAccounts(String prefix, int from, int count) {
        jdbc.sql("""
                INSERT INTO account (id, name, segment, stage, csm, arr, plan, started_on, renewal_on, timezone)
                SELECT :prefix || n, 'Account ' || :prefix || n, (ARRAY['HIGH_TOUCH', 'LOW_TOUCH', 'TECH_TOUCH'])[1 + n % 3], 'ADOPTION',
                       'csm-' || (n % 50) || '@cs.test', 12000, 'growth', current_date - 400, current_date + 200, 'UTC'
                FROM generate_series(:from, :to) n""").param("prefix", prefix).param("from", from).param("to", from + count - 1).update();
        jdbc.sql("""
                INSERT INTO contact (account_id, email, name, role, timezone, active, unsubscribed)
                SELECT :prefix || n, 'champion@' || :prefix || n || '.test', 'Champion ' || n, 'CHAMPION', 'UTC', true, false
                FROM generate_series(:from, :to) n""").param("prefix", prefix).param("from", from).param("to", from + count - 1).update();
    }

    /** Accounts that have had no benchmark ticket yet, one for each trigger of the coming phase. */
    private void ensureTriggerAccounts(int triggers) {
        int needed = nextTriggerAccount + triggers - triggerAccountsLoaded;
        if (needed > 0) {
            int more = Math.max(needed, 10_000);
            loadAccounts("hot-", triggerAccountsLoaded, more);
            triggerAccountsLoaded += more;
        }
    }

    private enum Target {
        BARE("bare webhook (stores nothing)", BareWebhook.PATH),
        WEBHOOK("webhook", "/api/webhooks/");

        final String label;
        final String path;

        Target(String label, String path) {
            this.label = label;
            this.path = path;
        }
    }

    /**
     * Watches the task table from a connection of its own (not the application's pool) and notes when each
     * expected account's task can first be read. Ids are taken from a sequence before the commit, so a task
     * with a lower id may appear after one with a higher id: ids above the highest one with none missing below
     * it are read again, until the gap fills (or is given up after a while: a transaction rolled back).
     */
    private static final class TaskWatch {
        private static final long POLL_NANOS = 10_000_000L;
        private static final long GAP_GIVEN_UP_NANOS = 10_000_000_000L;
        private final Map<String, Integer> requestOf;
        private final long[] due;
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;
        private final TreeSet<Long> above = new TreeSet<>();
        private long floor;
        private long gapSince;

        TaskWatch(String url, Map<String, Integer> requestOf, long[] due) throws SQLException {
            this.requestOf = requestOf;
            this.due = due;
            Connection connection = DriverManager.getConnection(url);
            try (PreparedStatement max = connection.prepareStatement("SELECT coalesce(max(id), 0) FROM task");
                 ResultSet rows = max.executeQuery()) {
                rows.next();
                floor = rows.getLong(1);
            }
            thread = new Thread(() -> watch(connection), "task-watch");
            thread.setDaemon(true);
            thread.start();
        }

        private void watch(Connection connection) {
            try (connection; PreparedStatement next = connection.prepareStatement("SELECT id, account_id FROM task WHERE id > ? ORDER BY id")) {
                while (!stop.get()) {
                    next.setLong(1, floor);
                    try (ResultSet rows = next.executeQuery()) {
                        long at = System.nanoTime();
                        while (rows.next()) {
                            above.add(rows.getLong(1));
                            String account = rows.getString(2);
                            if (requestOf.containsKey(account)) {
                                seen.putIfAbsent(account, at);
                            }
                        }
                    }
                    raiseFloor();
                    if (seen.size() >= requestOf.size()) {
                        return;
                    }
                    LockSupport.parkNanos(POLL_NANOS);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not watch the task table", e);
            }
        }

        private void raiseFloor() {
            while (true) {
                while (above.remove(floor + 1)) {
                    floor++;
                }
                if (above.isEmpty()) {
                    gapSince = 0;
                    return;
                }
                if (gapSince == 0) {
                    gapSince = System.nanoTime();
                    return;
                }
                if (System.nanoTime() - gapSince < GAP_GIVEN_UP_NANOS) {
                    return;
                }
                floor++;
                gapSince = 0;
            }
        }

        /** Latencies from each request's due time to its task, in nanoseconds; a task never seen counts as endless. */
        long[] awaitAll(Duration longest) throws InterruptedException {
            thread.join(longest.toMillis());
            stop.set(true);
            thread.join();
            long[] latencies = new long[requestOf.size()];
            int i = 0;
            for (Map.Entry<String, Integer> expected : requestOf.entrySet()) {
                Long at = seen.get(expected.getKey());
                latencies[i++] = at == null ? Long.MAX_VALUE : at - due[expected.getValue()];
            }
            return latencies;
        }
    }

    /**
     * CPU time used so far by this JVM (the application, and the load it is driven with) and by PostgreSQL (the
     * postmaster and its backends, which Linux counts while they live: the pool keeps its connections).
     */
    private record Cpu(long jvmNanos, long databaseNanos) {
        static Cpu now(long postmaster) {
            long database = ProcessHandle.of(postmaster).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                    .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
            return new Cpu(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(),
                    database);
        }

        Cpu minus(Cpu before) {
            return new Cpu(jvmNanos - before.jvmNanos, databaseNanos - before.databaseNanos);
        }

        Cpu times(double factor) {
            return new Cpu(Math.round(jvmNanos * factor), Math.round(databaseNanos * factor));
        }
    }

    private record Result(Target target, int batchSize, double rate, double actualRate, int requests, int failed, long[] answers,
                          int tasksExpected, long[] tasks, long lateSends, Cpu cpu) {

        static final String HEADER = String.format("%-44s %8s %9s %8s %6s %8s %8s %8s %7s %8s %8s %8s %7s %7s",
                "phase", "req/s", "records/s", "requests", "failed", "ans p50", "ans p99", "ans max", "tasks", "task p50", "task p99",
                "task max", "JVM cpu", "PG cpu");

        long answerP99() {
            return percentile(answers, 0.99);
        }

        long taskP99() {
            return tasks.length == 0 ? 0 : percentile(tasks, 0.99);
        }

        boolean held() {
            return failed == 0 && answerP99() < HELD_P99.toNanos() && taskP99() < HELD_P99.toNanos();
        }

        String line() {
            String name = best(target, batchSize);
            return String.format("%-44s %8.1f %9.0f %8d %6d %8s %8s %8s %7s %8s %8s %8s %7.2f %7.2f%s", name, rate, rate * batchSize,
                    requests, failed,
                    ms(percentile(answers, 0.5)), ms(answerP99()), ms(answers[answers.length - 1]),
                    tasks.length == 0 ? "-" : String.valueOf(tasks.length),
                    tasks.length == 0 ? "-" : ms(percentile(tasks, 0.5)), tasks.length == 0 ? "-" : ms(taskP99()),
                    tasks.length == 0 ? "-" : ms(tasks[tasks.length - 1]),
                    Math.max(0, cpu.jvmNanos()) / 1e6 / requests, Math.max(0, cpu.databaseNanos()) / 1e6 / requests,
                    lateSends > 50_000_000L ? String.format("  (sender up to %s late)", ms(lateSends)) : "");
        }

        String percentiles() {
            return String.format("answer p50 %s, p99 %s ms; task p50 %s, p99 %s ms", ms(percentile(answers, 0.5)), ms(answerP99()),
                    tasks.length == 0 ? "-" : ms(percentile(tasks, 0.5)), tasks.length == 0 ? "-" : ms(taskP99()));
        }

        String summary() {
            return String.format("%d requests at %.0f/s, answer p50 %s ms, p99 %s ms", requests, rate, ms(percentile(answers, 0.5)), ms(answerP99()));
        }

        private static long percentile(long[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }

        private static String ms(long nanos) {
            return nanos == Long.MAX_VALUE ? "never" : nanos >= 10_000_000_000L ? String.format("%.0f", nanos / 1e6)
                    : String.format("%.1f", nanos / 1e6);
        }
    }
}
