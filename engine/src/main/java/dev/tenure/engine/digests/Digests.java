package dev.tenure.engine.digests;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.PublicUrl;
import dev.tenure.engine.mail.EmailComposer;
import dev.tenure.engine.mail.EmailStatus;
import dev.tenure.engine.mail.InternalDelivery;
import dev.tenure.engine.mail.Outbox;
import dev.tenure.engine.mail.RenderedEmail;
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
 * per CSM and ISO week) before it is sent, so a refire or a second node sends nothing twice; its Message-ID is {@code <digest-HASH-WEEK@tenure>}.
 * A digest belongs to no account: it is on no timeline, only in the log and table {@code digest}.
 */
@Service
public class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    private static final String TEMPLATE = "dev/tenure/engine/digests/weekly-digest.html";
    private static final int MOST_TASKS = 200;

    private final JdbcClient jdbc;
    private final Tasks tasks;
    private final EmailComposer composer;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId zone;
    private final PublicUrl links;
    private final String template;

    public Digests(JdbcClient jdbc, Tasks tasks, EmailComposer composer, Outbox outbox, Clock clock,
                   EngineProperties engine, DigestProperties properties) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.composer = composer;
        this.outbox = outbox;
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
        int sent = 0, done = 0, failed = 0;
        for (String csm : csms) {
            Optional<EmailStatus> status = send(csm, week, now);
            if (status.isEmpty()) {
                done++;
            } else if (status.get() == EmailStatus.FAILED) {
                failed++;
            } else {
                sent++;
            }
        }
        DigestRun run = new DigestRun(week, sent, done, failed);
        log.info("Weekly digests {}: {} sent, {} already sent this week, {} failed", week, sent, done, failed);
        return run;
    }

    /**
     * This week's digest for one CSM, unless it was already sent: empty then, else how it went (KEPT
     * also when the CSM has no open task, and nothing is recorded).
     */
    public Optional<EmailStatus> sendTo(String csm) {
        Instant now = clock.instant();
        return send(csm, week(now), now);
    }

    private Optional<EmailStatus> send(String csm, String week, Instant now) {
        List<Task> open = tasks.list(new TaskQuery(csm, null, TaskStatus.OPEN, null, MOST_TASKS));
        if (open.isEmpty()) {
            return Optional.of(EmailStatus.KEPT);
        }
        long overdue = open.stream().filter(t -> t.dueAt().isBefore(now)).count();
        RenderedEmail email = composer.render(template, model(csm, week, open, now));
        String messageId = messageId(csm, week);
        Optional<Long> claimed = jdbc.sql("""
                        INSERT INTO digest (csm, week, message_id, tasks, overdue, status, subject, body, created_at)
                        VALUES (?, ?, ?, ?, ?, 'SENDING', ?, ?, ?)
                        ON CONFLICT DO NOTHING RETURNING id""")
                .params(csm, week, messageId, open.size(), (int) overdue, email.subject(), email.html(), Timestamp.from(now))
                .query(Long.class).optional();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        InternalDelivery delivery = outbox.sendInternal(messageId, csm, email);
        jdbc.sql("UPDATE digest SET status = ?, error = ?, sent_at = ? WHERE id = ?")
                .params(delivery.status().name(), delivery.error(),
                        delivery.status() == EmailStatus.FAILED ? null : Timestamp.from(clock.instant()), claimed.get())
                .update();
        log.info("Digest {} for {}: {} open task(s), {} overdue: {}", week, csm, open.size(), overdue,
                delivery.status().name().toLowerCase(Locale.ROOT));
        return Optional.of(delivery.status());
    }

    /** The digests recorded, newest first; for one CSM when {@code csm} is given. */
    public List<Digest> list(String csm, int limit) {
        return jdbc.sql("""
                        SELECT * FROM digest WHERE (CAST(? AS text) IS NULL OR csm = ?) ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(csm, csm, limit)
                .query((rs, n) -> {
                    Timestamp sentAt = rs.getTimestamp("sent_at");
                    return new Digest(rs.getLong("id"), rs.getString("csm"), rs.getString("week"), rs.getString("message_id"),
                            rs.getInt("tasks"), rs.getInt("overdue"), rs.getString("status"), rs.getString("subject"),
                            rs.getString("body"), rs.getString("error"), rs.getTimestamp("created_at").toInstant(),
                            sentAt == null ? null : sentAt.toInstant());
                }).list();
    }

    private Map<String, Object> model(String csm, String week, List<Task> open, Instant now) {
        List<Map<String, Object>> rows = open.stream().map(t -> {
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
        model.put("overdue", rows.stream().filter(r -> (Boolean) r.get("overdue")).count());
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
