package dev.tenure.engine.facts;

import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.Today;
import dev.tenure.engine.vocabulary.UsageTrend;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one account's facts from the rollups, as of a moment. Usage days are UTC days; trends compare
 * complete days only (yesterday and the 6 before it, against the 28 before those), so a source that
 * reports yesterday's totals once a day does not look like a drop every morning.
 */
@Component
public class FactSets {

    private static final java.util.Set<String> RUNNING = java.util.Set.of("RUNNING", "PAUSED");

    private final JdbcClient jdbc;
    private final Contacts contacts;

    public FactSets(JdbcClient jdbc, Contacts contacts) {
        this.jdbc = jdbc;
        this.contacts = contacts;
    }

    public FactSet load(Account account, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String id = account.id();
        return new FactSet(new Today(today, now), account, contacts.of(id), usage(account, today),
                tickets(id, now), billing(id, now), lastNps(id, now), milestones(id), plays(id), DerivedFacts.renewal(account, today),
                DerivedFacts.qbr(account, today));
    }

    private List<UsageTrend> usage(Account account, LocalDate today) {
        record Row(String feature, long last7, long prior28, int activeUsers, LocalDate lastDay) {
        }
        List<Row> rows = jdbc.sql("""
                        WITH params AS (SELECT CAST(:today AS date) AS today)
                        SELECT feature,
                               coalesce(sum(quantity) FILTER (WHERE day >= today - 7 AND day < today), 0) AS last7,
                               coalesce(sum(quantity) FILTER (WHERE day >= today - 35 AND day < today - 7), 0) AS prior28,
                               coalesce(max(active_users) FILTER (WHERE day >= today - 7 AND day < today), 0) AS active_users,
                               max(day) FILTER (WHERE quantity > 0) AS last_day
                        FROM usage_daily, params WHERE account_id = :id AND day > today - 366 AND day <= today
                        GROUP BY feature ORDER BY feature""")
                .param("today", Date.valueOf(today)).param("id", account.id())
                .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                        rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate()))
                .list();
        List<UsageTrend> trends = new ArrayList<>();
        long last7 = 0, prior28 = 0;
        int active = 0;
        LocalDate lastDay = null;
        for (Row r : rows) {
            trends.add(DerivedFacts.trend(account, today, r.feature(), r.last7(), r.prior28(), r.activeUsers(), r.lastDay()));
            last7 += r.last7();
            prior28 += r.prior28();
            active = Math.max(active, r.activeUsers());
            lastDay = r.lastDay() == null ? lastDay : lastDay == null || r.lastDay().isAfter(lastDay) ? r.lastDay() : lastDay;
        }
        trends.add(DerivedFacts.trend(account, today, UsageTrend.ALL_FEATURES, last7, prior28, active, lastDay));
        return trends;
    }

    private TicketLoad tickets(String id, Instant now) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE open AND priority = 'P1'),
                               count(*) FILTER (WHERE open AND priority = 'P2'),
                               count(*) FILTER (WHERE open AND priority = 'P3'),
                               count(*) FILTER (WHERE open AND priority = 'P4'),
                               count(*) FILTER (WHERE opened_at > now - interval '14 days'),
                               count(*) FILTER (WHERE opened_at > now - interval '14 days' AND priority IN ('P1', 'P2')),
                               count(*) FILTER (WHERE opened_at > now - interval '60 days'),
                               coalesce(max(extract(day FROM now - opened_at)) FILTER (WHERE open), 0)
                        FROM (SELECT *, status IN ('OPEN', 'PENDING') AS open, CAST(:now AS timestamptz) AS now
                              FROM ticket WHERE account_id = :id) t""")
                .param("now", Timestamp.from(now)).param("id", id)
                .query((rs, n) -> new TicketLoad(id, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)))
                .single();
    }

    private BillingStatus billing(String id, Instant now) {
        record Counts(int failed, int overdue) {
        }
        Counts counts = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE payload->>'event' = 'PAYMENT_FAILED'),
                               count(*) FILTER (WHERE payload->>'event' = 'INVOICE_OVERDUE')
                        FROM signal WHERE account_id = ? AND kind = 'billing' AND occurred_at > ? AND occurred_at <= ?""")
                .params(id, Timestamp.from(now.minus(30, ChronoUnit.DAYS)), Timestamp.from(now))
                .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2))).single();
        boolean lastFailed = jdbc.sql("""
                        SELECT payload->>'event' FROM signal
                        WHERE account_id = ? AND kind = 'billing' AND payload->>'event' IN ('PAYMENT_FAILED', 'INVOICE_PAID')
                          AND occurred_at <= ?
                        ORDER BY occurred_at DESC, id DESC LIMIT 1""")
                .params(id, Timestamp.from(now)).query(String.class).optional()
                .map("PAYMENT_FAILED"::equals).orElse(false);
        List<BigDecimal> mrr = jdbc.sql("""
                        SELECT (payload->>'amount')::numeric FROM signal
                        WHERE account_id = ? AND kind = 'billing' AND payload->>'event' = 'MRR_CHANGED' AND occurred_at <= ?
                        ORDER BY occurred_at DESC, id DESC LIMIT 2""")
                .params(id, Timestamp.from(now)).query(BigDecimal.class).list();
        BigDecimal current = mrr.isEmpty() ? BigDecimal.ZERO : mrr.get(0);
        BigDecimal change = mrr.size() < 2 ? BigDecimal.ZERO : mrr.get(0).subtract(mrr.get(1));
        return new BillingStatus(id, counts.failed(), counts.overdue(), lastFailed, current, change);
    }

    private Integer lastNps(String id, Instant now) {
        return jdbc.sql("""
                        SELECT (payload->>'score')::int FROM signal WHERE account_id = ? AND kind = 'nps' AND occurred_at <= ?
                        ORDER BY occurred_at DESC, id DESC LIMIT 1""")
                .params(id, Timestamp.from(now)).query(Integer.class).optional().orElse(null);
    }

    private List<Milestone> milestones(String id) {
        return jdbc.sql("SELECT type, reached_at FROM milestone WHERE account_id = ?").param(id)
                .query((rs, n) -> new Milestone(id, MilestoneType.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant()))
                .list();
    }

    /** Running plays (a paused one is still running), and those of the last 90 days so rules can look back. */
    private List<PlayRun> plays(String id) {
        return jdbc.sql("""
                        SELECT id, play_id, status, started_at FROM play_run
                        WHERE account_id = ? AND (status IN ('RUNNING', 'PAUSED') OR started_at > now() - interval '90 days')""")
                .param(id)
                .query((rs, n) -> new PlayRun(rs.getLong(1), id, rs.getString(2), RUNNING.contains(rs.getString(3)),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }
}
