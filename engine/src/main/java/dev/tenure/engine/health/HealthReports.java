package dev.tenure.engine.health;

import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Health as CS ops read it: one account's score with its shares, history and trend; the distribution of
 * accounts over the bands; and the churn report. Dates are days in UTC; a period's {@code to} is exclusive.
 */
@Repository
public class HealthReports {

    /**
     * Accounts that had started by :at and were not cancelled then (a later reactivation, or a positive MRR, brings
     * one back), nor churned by a source's stage or a rule (as a health backfill leaves them unscored).
     */
    private static final String LIVE_AT = """
            (a.started_on IS NULL OR a.started_on < (:at AT TIME ZONE 'UTC')::date + 1)
            AND NOT EXISTS (SELECT 1 FROM signal c WHERE c.account_id = a.id AND c.kind = 'billing'
                  AND c.payload->>'event' = 'SUBSCRIPTION_CANCELLED' AND c.occurred_at < :at
                  AND NOT EXISTS (SELECT 1 FROM signal r WHERE r.account_id = a.id AND r.kind = 'billing'
                        AND (r.payload->>'event' = 'SUBSCRIPTION_REACTIVATED'
                             OR r.payload->>'event' = 'MRR_CHANGED' AND (r.payload->>'amount')::numeric > 0)
                        AND r.occurred_at > c.occurred_at AND r.occurred_at < :at))
            AND NOT %s
            AND (CAST(:csm AS text) IS NULL OR lower(a.csm) = lower(CAST(:csm AS text)))
            AND (CAST(:segment AS text) IS NULL OR a.segment = CAST(:segment AS text))""".formatted(
            AccountHistory.churnedBySourceOrRuleAt("a.id", ":at"));
    private static final String BAND_AT = """
            (SELECT h.band FROM health_score h WHERE h.account_id = a.id AND h.computed_at <= :at
             ORDER BY h.computed_at DESC, h.id DESC LIMIT 1)""";

    private final JdbcClient jdbc;
    private final HealthScores scores;
    private final ChurnReportProperties churnRules;

    HealthReports(JdbcClient jdbc, HealthScores scores, ChurnReportProperties churnRules) {
        this.jdbc = jdbc;
        this.scores = scores;
        this.churnRules = churnRules;
    }

    /** Empty when the account has no score yet. */
    public Optional<AccountHealth> account(String accountId, Instant now) {
        Optional<HealthScore> latest = at(accountId, now);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        HealthScore h = latest.get();
        List<Double> shares = HealthShares.of(h.components());
        List<AccountHealth.ComponentShare> components = new ArrayList<>();
        for (int i = 0; i < h.components().size(); i++) {
            HealthComponent c = h.components().get(i);
            components.add(new AccountHealth.ComponentShare(c.name(), c.score(), c.weight(),
                    Math.round(HealthShares.points(c) * 100) / 100.0, shares.get(i), c.reason()));
        }
        List<HealthScore> history = jdbc.sql("""
                        SELECT DISTINCT ON ((computed_at AT TIME ZONE 'UTC')::date)
                               account_id, score, band, previous, components, computed_at, model_version
                        FROM health_score WHERE account_id = ? AND computed_at > ? AND computed_at <= ?
                        ORDER BY (computed_at AT TIME ZONE 'UTC')::date DESC, computed_at DESC, id DESC""")
                .params(accountId, Timestamp.from(Span.ofDays(90).before(now, ZoneOffset.UTC)), Timestamp.from(now))
                .query(scores::row).list();
        return Optional.of(new AccountHealth(accountId, h, components, change(h, accountId, now, 30),
                change(h, accountId, now, 90), history));
    }

    /** The change over {@code days} UTC days: health history is kept by UTC day, as usage is. */
    private Integer change(HealthScore now, String accountId, Instant at, int days) {
        return at(accountId, Span.ofDays(days).before(at, ZoneOffset.UTC)).map(then -> now.score() - then.score()).orElse(null);
    }

    private Optional<HealthScore> at(String accountId, Instant at) {
        return jdbc.sql("""
                        SELECT account_id, score, band, previous, components, computed_at, model_version FROM health_score
                        WHERE account_id = ? AND computed_at <= ? ORDER BY computed_at DESC, id DESC LIMIT 1""")
                .params(accountId, Timestamp.from(at)).query(scores::row).optional();
    }

    /** As of the end of {@code asOf} (UTC). */
    public HealthDistribution distribution(LocalDate asOf, String csm, String segment) {
        record Row(String segment, String csm, String band) {
        }
        List<Row> rows = jdbc.sql("SELECT a.segment, a.csm, " + BAND_AT + " AS band FROM account a WHERE " + LIVE_AT)
                .param("at", Timestamp.from(startOf(asOf.plusDays(1)).minusNanos(1000)))
                .param("csm", csm).param("segment", segment)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        BandCounts all = BandCounts.NONE;
        Map<String, BandCounts> bySegment = new TreeMap<>();
        Map<String, BandCounts> byCsm = new TreeMap<>();
        for (Row r : rows) {
            all = all.plus(r.band());
            bySegment.merge(r.segment(), BandCounts.NONE.plus(r.band()), HealthReports::sum);
            byCsm.merge(r.csm() == null ? "(no CSM)" : r.csm(), BandCounts.NONE.plus(r.band()), HealthReports::sum);
        }
        return new HealthDistribution(asOf, csm, segment, all, bySegment, byCsm);
    }

    private static BandCounts sum(BandCounts a, BandCounts b) {
        return new BandCounts(a.good() + b.good(), a.average() + b.average(), a.poor() + b.poor(), a.unscored() + b.unscored());
    }

    /**
     * Accounts live at the start of [{@code from}, {@code to}) by the band they had then; cancelled: a
     * SUBSCRIPTION_CANCELLED in the period; contracted: an MRR_CHANGED in the period to less than the MRR
     * before it (in the same currency). {@code leadDays} null: the configured look-back.
     */
    public ChurnReport churn(LocalDate from, LocalDate to, Integer leadDays, String csm, String segment) {
        int lookBack = leadDays == null ? churnRules.leadDays() : leadDays;
        List<ChurnOutcome> outcomes = jdbc.sql("""
                        WITH live AS (
                            SELECT a.id, a.name, a.segment, a.csm, %s AS band FROM account a WHERE %s),
                        mrr AS (
                            SELECT account_id, occurred_at, (payload->>'amount')::numeric AS amount,
                                   coalesce(payload->>'currency', '') AS currency,
                                   lag((payload->>'amount')::numeric) OVER w AS before,
                                   lag(coalesce(payload->>'currency', '')) OVER w AS before_currency
                            FROM signal WHERE kind = 'billing' AND payload->>'event' = 'MRR_CHANGED'
                                  AND account_id IN (SELECT id FROM live) AND occurred_at < :to
                            WINDOW w AS (PARTITION BY account_id ORDER BY occurred_at, id))
                        SELECT l.id, l.name, l.segment, l.csm, coalesce(l.band, 'UNSCORED') AS band,
                               (SELECT min(c.occurred_at) FROM signal c WHERE c.account_id = l.id AND c.kind = 'billing'
                                     AND c.payload->>'event' = 'SUBSCRIPTION_CANCELLED'
                                     AND c.occurred_at >= :at AND c.occurred_at < :to) AS cancelled_at,
                               EXISTS (SELECT 1 FROM mrr m WHERE m.account_id = l.id AND m.occurred_at >= :at
                                     AND m.amount < m.before AND m.currency = m.before_currency) AS contracted
                        FROM live l ORDER BY l.id""".formatted(BAND_AT, LIVE_AT))
                .param("at", Timestamp.from(startOf(from))).param("to", Timestamp.from(startOf(to)))
                .param("csm", csm).param("segment", segment)
                .query((rs, n) -> {
                    Timestamp cancelledAt = rs.getTimestamp("cancelled_at");
                    Long lead = cancelledAt == null ? null : leadDays(rs.getString("id"), cancelledAt.toInstant(), lookBack);
                    return new ChurnOutcome(rs.getString("id"), rs.getString("name"), rs.getString("segment"),
                            rs.getString("csm"), rs.getString("band"), cancelledAt != null, rs.getBoolean("contracted"), lead);
                }).list();
        return ChurnTally.tally(from, to, lookBack, csm, segment, outcomes, churnRules);
    }

    /**
     * Days from the account entering the band it had just before cancelling (the start of that unbroken run
     * of scores, within {@code lookBack} days) to the cancellation; null without a score in that window.
     */
    private Long leadDays(String accountId, Instant cancelledAt, int lookBack) {
        record Point(String band, Instant at) {
        }
        List<Point> newestFirst = jdbc.sql("""
                        SELECT band, computed_at FROM health_score WHERE account_id = ? AND computed_at < ? AND computed_at >= ?
                        ORDER BY computed_at DESC, id DESC""")
                .params(accountId, Timestamp.from(cancelledAt), Timestamp.from(Span.ofDays(lookBack).before(cancelledAt, ZoneOffset.UTC)))
                .query((rs, n) -> new Point(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        if (newestFirst.isEmpty()) {
            return null;
        }
        String band = newestFirst.get(0).band();
        Instant entered = newestFirst.get(0).at();
        for (Point p : newestFirst) {
            if (!p.band().equals(band)) {
                break;
            }
            entered = p.at();
        }
        return Duration.between(entered, cancelledAt).toDays();
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
