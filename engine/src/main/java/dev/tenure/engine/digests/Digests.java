package dev.tenure.engine.digests;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.PublicUrl;
import dev.tenure.engine.mail.EmailComposer;
import dev.tenure.engine.mail.EmailStatus;
import dev.tenure.engine.mail.InternalDelivery;
import dev.tenure.engine.mail.Outbox;
import dev.tenure.engine.mail.RenderedEmail;
import dev.tenure.engine.tasks.OpenCount;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.tasks.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends each CSM who owns open tasks one digest a week: the tasks by priority and due date, overdue ones
 * marked, each linked to its row on the inbox page ({@link PublicUrl#task}). The digest is recorded (unique
 * per CSM and ISO week) before it is sent, so a refire or a second node sends nothing twice; its Message-ID
 * is {@code <digest-HASH-WEEK@tenure>}. It is tried again like a play's email: each attempt counted before
 * it is made, a transient failure retried after {@code tenure.mail.retry.backoff} up to
 * {@code tenure.mail.retry.max-attempts} ({@link Outbox#sendInternal}), and a digest whose node died while
 * sending it taken again once its lease ends ({@link #SENDING_LEASE}), with the same Message-ID. Each
 * attempt lists the tasks open then, not those of the first: a task closed meanwhile (its account churned) is
 * not asked for again, and a digest with none left is not sent.
 * A digest belongs to no account: it is on no timeline, only in the log and table {@code digest}.
 */
@Service
public class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    private static final String TEMPLATE = "dev/tenure/engine/digests/weekly-digest.html";
    /** The most tasks one digest lists; its subject and counts are of all the CSM's open tasks. */
    static final int MOST_TASKS = 200;
    /**
     * How long a digest being sent belongs to the node sending it. Longer than any SMTP hand-over of one
     * message takes; after it, the digest counts as lost with its node and is sent again.
     */
    static final Duration SENDING_LEASE = Duration.ofMinutes(10);
    /** Why a digest taken for another attempt was not sent. */
    static final String NOTHING_LEFT = "not sent: none of the CSM's tasks is open any more";

    private final JdbcClient jdbc;
    private final Tasks tasks;
    private final EmailComposer composer;
    private final Outbox outbox;
    private final DigestRetries retries;
    private final Clock clock;
    private final ZoneId zone;
    private final PublicUrl links;
    private final String template;

    public Digests(JdbcClient jdbc, Tasks tasks, EmailComposer composer, Outbox outbox, DigestRetries retries, Clock clock,
                   EngineProperties engine, DigestProperties properties) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.composer = composer;
        this.outbox = outbox;
        this.retries = retries;
        this.clock = clock;
        this.zone = engine.defaultTimezone();
        this.links = engine.links();
        if (properties.inboxUrl() != null) {
            log.warn("tenure.digest.inbox-url ({}) is no longer read: the digest links to the inbox page at tenure.public-url ({})",
                    properties.inboxUrl(), links.base());
        }
        try {
            this.template = new ClassPathResource(TEMPLATE).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the digest template " + TEMPLATE + " is missing from the engine", e);
        }
    }

    /** This week's digest for every CSM with open tasks who has not had it yet. Call outside a transaction. */
    public DigestRun sendWeekly() {
        Instant now = clock.instant();
        String week = week(now);
        List<String> csms = jdbc.sql("""
                        SELECT DISTINCT owner FROM task
                        WHERE status = 'OPEN' AND (snoozed_until IS NULL OR snoozed_until <= ?) ORDER BY owner""")
                .param(Timestamp.from(now)).query(String.class).list();
        if (!csms.isEmpty()) {
            // Before any digest is claimed: if this node dies mid-run, another looks at its digests after the lease.
            retries.wakeBy(now.plus(SENDING_LEASE));
        }
        int sent = 0, done = 0, retrying = 0, failed = 0;
        for (String csm : csms) {
            Optional<EmailStatus> status = send(csm, week, now);
            if (status.isEmpty()) {
                done++;
            } else if (status.get() == EmailStatus.FAILED) {
                failed++;
            } else if (status.get() == EmailStatus.RETRYING) {
                retrying++;
            } else {
                sent++;
            }
        }
        wakeForRetries();
        DigestRun run = new DigestRun(week, sent, done, failed, retrying);
        log.info("Weekly digests {}: {} sent, {} already sent this week, {} to be tried again, {} failed",
                week, sent, done, retrying, failed);
        return run;
    }

    /**
     * This week's digest for one CSM, unless it was already recorded: empty then, else how its first
     * attempt went (KEPT also when the CSM has no open task, and nothing is recorded).
     */
    public Optional<EmailStatus> sendTo(String csm) {
        Instant now = clock.instant();
        retries.wakeBy(now.plus(SENDING_LEASE));
        Optional<EmailStatus> status = send(csm, week(now), now);
        wakeForRetries();
        return status;
    }

    /**
     * Makes the next attempt at every digest that is due for one: after a transient failure, or left
     * SENDING by a node that died (its lease ended). Each is claimed with its attempt counted before it is
     * sent, so two nodes never send it at once; it is sent as first recorded, with the same Message-ID.
     * Returns how many were tried.
     */
    public int retryDue() {
        Instant now = clock.instant();
        // A digest lost with its node on its last attempt: no attempt is left, and nobody knows whether it arrived.
        jdbc.sql("""
                        UPDATE digest SET status = 'FAILED', retry_at = NULL,
                               error = 'the node sending it stopped before SMTP answered, on attempt ' || attempts || ' of ' || CAST(? AS text)
                        WHERE status = 'SENDING' AND retry_at <= ? AND attempts >= ?""")
                .params(String.valueOf(outbox.maxAttempts()), Timestamp.from(now), outbox.maxAttempts()).update();
        int tried = 0;
        Optional<Claimed> next;
        while ((next = claimDue(now)).isPresent()) {
            Claimed digest = next.get();
            Optional<RenderedEmail> current = rewritten(digest, now);
            if (current.isPresent()) {
                deliver(digest, current.get(), now);
            } else {
                jdbc.sql("UPDATE digest SET status = 'KEPT', retry_at = NULL, error = ? WHERE id = ?")
                        .params(NOTHING_LEFT, digest.id()).update();
                log.info("Digest {} for {} (attempt {}): not sent, none of the CSM's tasks is open any more",
                        digest.week(), digest.csm(), digest.attempt());
            }
            tried++;
        }
        wakeForRetries();
        return tried;
    }

    private Optional<Claimed> claimDue(Instant now) {
        return jdbc.sql("""
                        UPDATE digest SET status = 'SENDING', attempts = attempts + 1, retry_at = ?
                        WHERE id = (SELECT id FROM digest WHERE status IN ('SENDING', 'RETRYING') AND retry_at <= ?
                                    ORDER BY retry_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING id, csm, week, message_id, attempts""")
                .params(Timestamp.from(now.plus(SENDING_LEASE)), Timestamp.from(now))
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("csm"), rs.getString("week"),
                        rs.getString("message_id"), rs.getInt("attempts")))
                .optional();
    }

    /**
     * What a digest taken for another attempt says: the CSM's open tasks as they are now, recorded on its row, or
     * empty when none is left. Hours may have passed since the first attempt: a task closed since, done or closed
     * because its account churned, is not asked for again. The Message-ID stays, so a receiver that has an earlier
     * attempt keeps one.
     */
    private Optional<RenderedEmail> rewritten(Claimed digest, Instant now) {
        Optional<Written> written = written(digest.csm(), digest.week(), now);
        written.ifPresent(w -> jdbc.sql("UPDATE digest SET subject = ?, body = ?, tasks = ?, overdue = ? WHERE id = ?")
                .params(w.email().subject(), w.email().html(), w.count().open(), w.count().overdue(), digest.id()).update());
        return written.map(Written::email);
    }

    /** The digest of the CSM's open tasks now, with their counts; empty when they have none. */
    private Optional<Written> written(String csm, String week, Instant now) {
        OpenCount count = tasks.countOpen(csm, now);
        if (count.open() == 0) {
            return Optional.empty();
        }
        List<Task> shown = tasks.list(new TaskQuery(csm, null, TaskStatus.OPEN, null, MOST_TASKS));
        return Optional.of(new Written(composer.renderOwn(template, model(csm, week, shown, count, now)), count));
    }

    private record Written(RenderedEmail email, OpenCount count) {
    }

    private Optional<EmailStatus> send(String csm, String week, Instant now) {
        Optional<Written> written = written(csm, week, now);
        if (written.isEmpty()) {
            return Optional.of(EmailStatus.KEPT);
        }
        RenderedEmail email = written.get().email();
        OpenCount count = written.get().count();
        String messageId = messageId(csm, week);
        Optional<Long> claimed = jdbc.sql("""
                        INSERT INTO digest (csm, week, message_id, tasks, overdue, status, subject, body, created_at,
                                            attempts, retry_at)
                        VALUES (?, ?, ?, ?, ?, 'SENDING', ?, ?, ?, 1, ?)
                        ON CONFLICT DO NOTHING RETURNING id""")
                .params(csm, week, messageId, count.open(), count.overdue(), email.subject(), email.html(), Timestamp.from(now),
                        Timestamp.from(now.plus(SENDING_LEASE)))
                .query(Long.class).optional();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        log.debug("Digest {} for {}: {} open task(s), {} overdue", week, csm, count.open(), count.overdue());
        return Optional.of(deliver(new Claimed(claimed.get(), csm, week, messageId, 1), email, now));
    }

    /** One attempt at a claimed digest, and its outcome recorded. */
    private EmailStatus deliver(Claimed digest, RenderedEmail email, Instant now) {
        InternalDelivery delivery = outbox.sendInternal(digest.messageId(), digest.csm(), email, digest.attempt(), now);
        EmailStatus status = delivery.status();
        jdbc.sql("UPDATE digest SET status = ?, error = ?, sent_at = ?, retry_at = ? WHERE id = ?")
                .params(status.name(), delivery.error(),
                        status == EmailStatus.SENT || status == EmailStatus.KEPT ? Timestamp.from(clock.instant()) : null,
                        delivery.retryAt() == null ? null : Timestamp.from(delivery.retryAt()), digest.id())
                .update();
        log.info("Digest {} for {} (attempt {}): {}{}", digest.week(), digest.csm(), digest.attempt(),
                status.name().toLowerCase(Locale.ROOT), delivery.retryAt() == null ? "" : ", next attempt at " + delivery.retryAt());
        return status;
    }

    /** Wakes the retries by the time the first digest waiting for another attempt is due. */
    private void wakeForRetries() {
        jdbc.sql("SELECT retry_at FROM digest WHERE status IN ('SENDING', 'RETRYING') AND retry_at IS NOT NULL ORDER BY retry_at LIMIT 1")
                .query(Timestamp.class).optional()
                .ifPresent(first -> retries.wakeBy(first.toInstant()));
    }

    /** A digest taken for an attempt, and the attempt's number. */
    private record Claimed(long id, String csm, String week, String messageId, int attempt) {
    }

    /** The digests recorded, newest first; for one CSM when {@code csm} is given. */
    public List<Digest> list(String csm, int limit) {
        return list(csm, limit, 0);
    }

    /** How many digests {@link #list} can page through. */
    public long count(String csm) {
        return jdbc.sql("SELECT count(*) FROM digest WHERE (CAST(? AS text) IS NULL OR csm = ?)")
                .params(csm, csm).query(Long.class).single();
    }

    /** The digests recorded, newest first, from the {@code offset}-th. */
    public List<Digest> list(String csm, int limit, long offset) {
        return jdbc.sql("""
                        SELECT * FROM digest WHERE (CAST(? AS text) IS NULL OR csm = ?) ORDER BY created_at DESC, id DESC
                        LIMIT ? OFFSET ?""")
                .params(csm, csm, limit, offset)
                .query((rs, n) -> {
                    Timestamp sentAt = rs.getTimestamp("sent_at");
                    Timestamp retryAt = rs.getTimestamp("retry_at");
                    return new Digest(rs.getLong("id"), rs.getString("csm"), rs.getString("week"), rs.getString("message_id"),
                            rs.getInt("tasks"), rs.getInt("overdue"), rs.getString("status"), rs.getString("subject"),
                            rs.getString("body"), rs.getString("error"), rs.getTimestamp("created_at").toInstant(),
                            sentAt == null ? null : sentAt.toInstant(), rs.getInt("attempts"),
                            retryAt == null ? null : retryAt.toInstant());
                }).list();
    }

    private Map<String, Object> model(String csm, String week, List<Task> shown, OpenCount count, Instant now) {
        List<Map<String, Object>> rows = shown.stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("title", t.title());
            row.put("account", t.accountName());
            row.put("priority", t.priority());
            row.put("due", t.dueAt().atZone(zone).toLocalDate().toString());
            row.put("overdue", t.dueAt().isBefore(now));
            row.put("link", links.task(t.id()));
            return row;
        }).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("csm", csm);
        model.put("week", week);
        model.put("tasks", rows);
        // All of the CSM's open tasks, not the rows listed: a CSM with 666 must not read "200 open".
        model.put("open", count.open());
        model.put("overdue", count.overdue());
        model.put("inbox", links.inbox());
        return model;
    }

    /** The ISO week of {@code now} in the default time zone: {@code 2026-W48}. */
    String week(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        return String.format("%d-W%02d", local.get(IsoFields.WEEK_BASED_YEAR), local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Stable for a CSM and week, so a resend is recognisable; the address itself stays out of headers. */
    static String messageId(String csm, String week) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(csm.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "<digest-" + HexFormat.of().formatHex(hash, 0, 6) + "-" + week + "@tenure>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
