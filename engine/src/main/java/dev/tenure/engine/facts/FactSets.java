package dev.tenure.engine.facts;

import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.CsatAnswers;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Stage;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads accounts' facts from the rollups, as of a moment, for many accounts at once: each kind of fact
 * is one query over all of them, so evaluating a thousand accounts costs ten statements, not ten
 * thousand. Usage days are UTC days; trends compare complete days only (yesterday and the 6 before it,
 * against the 28 before those), so a source that reports yesterday's totals once a day does not look
 * like a drop every morning.
 */
@Component
public class FactSets {

    private final JdbcClient jdbc;
    private final Contacts contacts;
    private final AccountHistory history;

    public FactSets(JdbcClient jdbc, Contacts contacts, AccountHistory history) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.history = history;
    }

    public FactSet load(Account account, Instant now) {
        return loadAll(List.of(account), now).get(0);
    }

    /** The facts of each account, in the order given. */
    public List<FactSet> loadAll(List<Account> accounts, Instant now) {
        return loadAll(accounts, FactSettings.DEFAULTS, now);
    }

    public FactSet load(Account account, FactSettings settings, Instant now) {
        return loadAll(List.of(account), settings, now).get(0);
    }

    /** The facts of each account, in the order given, point-in-time facts aged by the rule set's {@code settings}. */
    public List<FactSet> loadAll(List<Account> accounts, FactSettings settings, Instant now) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String[] ids = accounts.stream().map(Account::id).distinct().toArray(String[]::new);
        Map<String, List<Contact>> contactsOf = contacts.ofAccounts(List.of(ids));
        Map<String, List<UsageRow>> usage = usage(ids, today);
        Map<String, TicketLoad> tickets = tickets(ids, now, today, usage);
        Map<String, BillingStatus> billing = billing(ids, settings, now);
        Map<String, Integer> lastNps = lastNps(ids, now);
        Map<String, CsatAnswers> csat = csat(ids, now);
        Map<String, List<Milestone>> milestones = milestones(ids);
        Map<String, List<PlayRun>> plays = plays(ids, now);
        List<String> churned = accounts.stream().filter(a -> a.stage() == Stage.CHURNED).map(Account::id).toList();
        Map<String, Instant> churnedAt = churned.isEmpty() ? Map.of() : history.churnedAt(churned);
        List<FactSet> facts = new ArrayList<>(accounts.size());
        for (Account account : accounts) {
            String id = account.id();
            facts.add(new FactSet(new Today(today, now), account, contactsOf.getOrDefault(id, List.of()),
                    trends(account, today, usage.getOrDefault(id, List.of())),
                    tickets.getOrDefault(id, new TicketLoad(id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                            TicketLoad.daysKnown(firstUsageDay(usage.get(id)), today))),
                    billing.getOrDefault(id, new BillingStatus(id, 0, 0, false, BigDecimal.ZERO, BigDecimal.ZERO)),
                    lastNps.get(id), csat.get(id), milestones.getOrDefault(id, List.of()), plays.getOrDefault(id, List.of()),
                    DerivedFacts.renewal(account, today), DerivedFacts.qbr(account, today)).withChurnedAt(churnedAt.get(id)));
        }
        return facts;
    }

    /**
     * Only one feature's usage trend of each account that has usage of it, in one query reading that feature's
     * days alone: for a batch of due steps whose goal is a usage recovery, which need nothing else of the facts.
     */
    public Map<String, UsageTrend> usageTrend(List<Account> accounts, String feature, Instant now) {
        Map<String, UsageTrend> trends = new HashMap<>();
        if (accounts.isEmpty()) {
            return trends;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, List<UsageRow>> usage = usage(accounts.stream().map(Account::id).distinct().toArray(String[]::new), today, feature);
        for (Account account : accounts) {
            for (UsageRow r : usage.getOrDefault(account.id(), List.of())) {
                trends.put(account.id(), DerivedFacts.trend(account, today, r.feature(), r.weeks(), r.activeUsers(), r.lastDay()));
            }
        }
        return trends;
    }

    private record UsageRow(String feature, DerivedFacts.Weeks weeks, int activeUsers, LocalDate lastDay) {
    }

    private Map<String, List<UsageRow>> usage(String[] ids, LocalDate today) {
        return usage(ids, today, null);
    }

    /** Every feature's usage rows of each account, or one feature's ({@code feature} not null). */
    private Map<String, List<UsageRow>> usage(String[] ids, LocalDate today, String feature) {
        Map<String, List<UsageRow>> rows = new HashMap<>();
        // Per account through the rollup's key, not one scan for the group: a group is a sliver of the table, and
        // the scan the planner prefers for it goes parallel, taking both cores from the groups evaluated beside it.
        jdbc.sql("""
                        SELECT a.id, u.feature, u.prior28, u.active_users, u.last_day, u.first_day,
                               u.w1, u.w2, u.w3, u.w4, u.w5, u.w6, u.w7, u.w8, u.w9, u.w10, u.w11, u.w12,
                               u.recent_ago, u.recent_uses
                        FROM unnest(?::text[]) AS a(id) CROSS JOIN LATERAL (
                            SELECT feature,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 35 AND day < today - 7), 0) AS prior28,
                                   coalesce(max(active_users) FILTER (WHERE day >= today - 7 AND day < today), 0) AS active_users,
                                   max(day) FILTER (WHERE quantity > 0) AS last_day,
                                   min(day) AS first_day,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 7 AND day < today), 0) AS w1,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 14 AND day < today - 7), 0) AS w2,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 21 AND day < today - 14), 0) AS w3,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 28 AND day < today - 21), 0) AS w4,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 35 AND day < today - 28), 0) AS w5,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 42 AND day < today - 35), 0) AS w6,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 49 AND day < today - 42), 0) AS w7,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 56 AND day < today - 49), 0) AS w8,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 63 AND day < today - 56), 0) AS w9,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 70 AND day < today - 63), 0) AS w10,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 77 AND day < today - 70), 0) AS w11,
                                   coalesce(sum(quantity) FILTER (WHERE day >= today - 84 AND day < today - 77), 0) AS w12,
                                   array_agg(today - day ORDER BY day) FILTER (WHERE day >= today - 28 AND day < today) AS recent_ago,
                                   array_agg(quantity ORDER BY day) FILTER (WHERE day >= today - 28 AND day < today) AS recent_uses
                            FROM usage_daily, (SELECT CAST(? AS date) AS today) params
                            WHERE account_id = a.id AND day > today - 366 AND day <= today%s
                            GROUP BY feature) u
                        ORDER BY a.id, u.feature""".formatted(feature == null ? "" : " AND feature = ?"))
                .params(feature == null ? new Object[] {ids, Date.valueOf(today)} : new Object[] {ids, Date.valueOf(today), feature})
                .query(rs -> {
                    long[] weeks = new long[DerivedFacts.WEEKS];
                    for (int i = 0; i < weeks.length; i++) {
                        weeks[i] = rs.getLong(7 + i);
                    }
                    // The last 28 days one by one, as (days ago, uses) pairs of the days with a row.
                    long[] recentDays = new long[DerivedFacts.RECENT_DAYS_READ];
                    java.sql.Array ago = rs.getArray(7 + weeks.length);
                    java.sql.Array uses = rs.getArray(8 + weeks.length);
                    if (ago != null && uses != null) {
                        Object[] agoValues = (Object[]) ago.getArray();
                        Object[] useValues = (Object[]) uses.getArray();
                        for (int i = 0; i < agoValues.length; i++) {
                            recentDays[((Number) agoValues[i]).intValue() - 1] += ((Number) useValues[i]).longValue();
                        }
                    }
                    DerivedFacts.Weeks w = new DerivedFacts.Weeks(weeks, rs.getLong(3),
                            rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate(), recentDays);
                    rows.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new UsageRow(rs.getString(2), w,
                            rs.getInt(4), rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate()));
                });
        return rows;
    }

    /** One trend per feature and one over all features together. */
    private static List<UsageTrend> trends(Account account, LocalDate today, List<UsageRow> rows) {
        List<UsageTrend> trends = new ArrayList<>();
        DerivedFacts.Weeks all = DerivedFacts.Weeks.empty();
        int active = 0;
        LocalDate lastDay = null;
        for (UsageRow r : rows) {
            trends.add(DerivedFacts.trend(account, today, r.feature(), r.weeks(), r.activeUsers(), r.lastDay()));
            all = all.plus(r.weeks());
            active = Math.max(active, r.activeUsers());
            lastDay = r.lastDay() == null ? lastDay : lastDay == null || r.lastDay().isAfter(lastDay) ? r.lastDay() : lastDay;
        }
        trends.add(DerivedFacts.trend(account, today, UsageTrend.ALL_FEATURES, all, active, lastDay));
        return trends;
    }

    /** The first day with usage of any feature in the trends' lookback, or null. */
    private static LocalDate firstUsageDay(List<UsageRow> rows) {
        LocalDate first = null;
        for (UsageRow r : rows == null ? List.<UsageRow>of() : rows) {
            LocalDate day = r.weeks().firstDataDay();
            first = day == null || first != null && !day.isBefore(first) ? first : day;
        }
        return first;
    }

    private Map<String, TicketLoad> tickets(String[] ids, Instant now, LocalDate today, Map<String, List<UsageRow>> usage) {
        Map<String, TicketLoad> loads = new HashMap<>();
        jdbc.sql("""
                        SELECT account_id,
                               count(*) FILTER (WHERE open AND priority = 'P1'),
                               count(*) FILTER (WHERE open AND priority = 'P2'),
                               count(*) FILTER (WHERE open AND priority = 'P3'),
                               count(*) FILTER (WHERE open AND priority = 'P4'),
                               count(*) FILTER (WHERE opened_at > since14),
                               count(*) FILTER (WHERE opened_at > since14 AND priority IN ('P1', 'P2')),
                               count(*) FILTER (WHERE opened_at > since60),
                               coalesce(max(extract(day FROM now - opened_at)) FILTER (WHERE open), 0),
                               count(*) FILTER (WHERE opened_at > since60 AND priority IN ('P1', 'P2')),
                               count(*) FILTER (WHERE opened_at > since28),
                               count(*) FILTER (WHERE opened_at > since88),
                               min(opened_at)
                        FROM (SELECT *, status IN ('OPEN', 'PENDING') AS open, CAST(? AS timestamptz) AS now,
                                     CAST(? AS timestamptz) AS since14, CAST(? AS timestamptz) AS since60,
                                     CAST(? AS timestamptz) AS since28, CAST(? AS timestamptz) AS since88
                              FROM ticket WHERE account_id = ANY(?)) t
                        -- A ticket opened after the moment judged (a dry run of the past, a source's clock ahead) is
                        -- not yet part of the load, as no billing, NPS or CSAT signal after it is (and as a replay
                        -- leaves it out); its status is still the latest stored.
                        WHERE opened_at <= now
                        GROUP BY account_id""")
                .params(Timestamp.from(now), Timestamp.from(FactSet.daysBefore(now, 14)),
                        Timestamp.from(FactSet.daysBefore(now, 60)), Timestamp.from(FactSet.daysBefore(now, 28)),
                        Timestamp.from(FactSet.daysBefore(now, 88)), ids)
                .query(rs -> {
                    String id = rs.getString(1);
                    // Known from the first usage day or ticket, whichever came first.
                    LocalDate first = firstUsageDay(usage.get(id));
                    Timestamp firstTicket = rs.getTimestamp(13);
                    if (firstTicket != null) {
                        LocalDate ticketDay = LocalDate.ofInstant(firstTicket.toInstant(), ZoneOffset.UTC);
                        first = first == null || ticketDay.isBefore(first) ? ticketDay : first;
                    }
                    loads.put(id, new TicketLoad(id, rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                            rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12),
                            TicketLoad.daysKnown(first, today)));
                });
        return loads;
    }

    private Map<String, BillingStatus> billing(String[] ids, FactSettings settings, Instant now) {
        record Counts(int failed, int overdue) {
        }
        Map<String, Counts> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT account_id, count(*) FILTER (WHERE payload->>'event' = 'PAYMENT_FAILED'),
                               count(*) FILTER (WHERE payload->>'event' = 'INVOICE_OVERDUE')
                        FROM signal WHERE account_id = ANY(?) AND kind = 'billing' AND occurred_at > ? AND occurred_at <= ?
                        GROUP BY account_id""")
                .params(ids, Timestamp.from(FactSet.daysBefore(now, 30)), Timestamp.from(now))
                .query(rs -> {
                    counts.put(rs.getString(1), new Counts(rs.getInt(2), rs.getInt(3)));
                });
        // The latest payment of each account, when it failed: when it did.
        Map<String, Instant> unpaidFailure = new HashMap<>();
        jdbc.sql("""
                        SELECT account_id, occurred_at FROM (
                            SELECT DISTINCT ON (account_id) account_id, payload->>'event' AS event, occurred_at FROM signal
                            WHERE account_id = ANY(?) AND kind = 'billing' AND payload->>'event' IN ('PAYMENT_FAILED', 'INVOICE_PAID')
                              AND occurred_at <= ?
                            ORDER BY account_id, occurred_at DESC, id DESC) latest
                        WHERE event = 'PAYMENT_FAILED'""")
                .params(ids, Timestamp.from(now))
                .query(rs -> {
                    unpaidFailure.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        Map<String, List<BigDecimal>> mrr = new HashMap<>();
        jdbc.sql("""
                        SELECT account_id, amount FROM (
                            SELECT account_id, (payload->>'amount')::numeric AS amount,
                                   row_number() OVER (PARTITION BY account_id ORDER BY occurred_at DESC, id DESC) AS n
                            FROM signal
                            WHERE account_id = ANY(?) AND kind = 'billing' AND payload->>'event' = 'MRR_CHANGED' AND occurred_at <= ?) m
                        WHERE n <= 2 ORDER BY account_id, n""")
                .params(ids, Timestamp.from(now))
                .query(rs -> {
                    mrr.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getBigDecimal(2));
                });
        Map<String, BillingStatus> billing = new HashMap<>();
        for (String id : ids) {
            Counts c = counts.getOrDefault(id, new Counts(0, 0));
            List<BigDecimal> amounts = mrr.getOrDefault(id, List.of());
            BigDecimal current = amounts.isEmpty() ? BigDecimal.ZERO : amounts.get(0);
            BigDecimal change = amounts.size() < 2 ? BigDecimal.ZERO : amounts.get(0).subtract(amounts.get(1));
            billing.put(id, settings.billingStatus(id, c.failed(), c.overdue(), unpaidFailure.get(id), current, change, now));
        }
        return billing;
    }

    private Map<String, Integer> lastNps(String[] ids, Instant now) {
        Map<String, Integer> scores = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (account_id) account_id, (payload->>'score')::int FROM signal
                        WHERE account_id = ANY(?) AND kind = 'nps' AND occurred_at <= ?
                        ORDER BY account_id, occurred_at DESC, id DESC""")
                .params(ids, Timestamp.from(now))
                .query(rs -> {
                    scores.put(rs.getString(1), rs.getInt(2));
                });
        return scores;
    }

    private Map<String, CsatAnswers> csat(String[] ids, Instant now) {
        Map<String, CsatAnswers> answers = new HashMap<>();
        jdbc.sql("""
                        SELECT account_id, count(*), count(*) FILTER (WHERE (payload->>'score')::int >= 4) FROM signal
                        WHERE account_id = ANY(?) AND kind = 'csat' AND occurred_at > ? AND occurred_at <= ?
                        GROUP BY account_id""")
                .params(ids, Timestamp.from(FactSet.daysBefore(now, CsatAnswers.WINDOW_DAYS)), Timestamp.from(now))
                .query(rs -> {
                    String id = rs.getString(1);
                    answers.put(id, new CsatAnswers(id, rs.getInt(2), rs.getInt(3)));
                });
        return answers;
    }

    private Map<String, List<Milestone>> milestones(String[] ids) {
        Map<String, List<Milestone>> reached = new HashMap<>();
        jdbc.sql("SELECT account_id, type, reached_at FROM milestone WHERE account_id = ANY(?) ORDER BY account_id, reached_at, type").param(ids)
                .query(rs -> {
                    String id = rs.getString(1);
                    reached.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new Milestone(id, MilestoneType.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant()));
                });
        return reached;
    }

    /** Running plays (a paused one is still running), and those of the last 90 days so rules can look back. */
    private Map<String, List<PlayRun>> plays(String[] ids, Instant now) {
        Map<String, List<PlayRun>> runs = new HashMap<>();
        jdbc.sql("""
                        SELECT id, account_id, play_id, status, started_at FROM play_run
                        WHERE account_id = ANY(?) AND (status IN ('RUNNING', 'PAUSED') OR started_at > ?)
                        ORDER BY account_id, started_at, id""")
                .params(ids, Timestamp.from(FactSet.daysBefore(now, FactSet.RECENT_RUN_DAYS)))
                .query(rs -> {
                    String id = rs.getString(2);
                    runs.computeIfAbsent(id, k -> new ArrayList<>()).add(new PlayRun(rs.getLong(1), id, rs.getString(3),
                            RunStatus.valueOf(rs.getString(4)).live(), rs.getTimestamp(5).toInstant()));
                });
        return runs;
    }
}
