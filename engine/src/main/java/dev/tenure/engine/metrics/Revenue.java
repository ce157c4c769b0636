package dev.tenure.engine.metrics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * MRR movements, NRR, GRR and churn rates from the stored billing signals: every {@code MRR_CHANGED}
 * (its amount is the new MRR), {@code SUBSCRIPTION_CANCELLED} (MRR 0) and {@code SUBSCRIPTION_REACTIVATED}
 * (the MRR paid before, unless a change says otherwise) is read, converted to the reporting currency, and
 * each account's MRR compared at the start and end of each period. An account whose billing does not start
 * with a positive MRR change paid its ARR / 12 (taken in the reporting currency) until its first change
 * ({@link MrrHistory#of}), so a cancellation counts as churn without an MRR event, and a reactivation
 * without one brings that MRR back. A churn the billing system did not send counts the same: a source (the CRM)
 * or a rule moving the account to CHURNED sets its MRR to 0 then, as it stops the account's plays, and a source
 * moving it back is a reactivation ({@link #MOVES}; a rule never brings one back). An account Tenure first heard of as
 * CHURNED (a former customer in the CRM's export) paid nothing while Tenure knew it, unless its billing says otherwise:
 * its ARR / 12 counts from its return ({@link #FORMER_CUSTOMERS}). Both count, or whether the CRM's
 * churn counted would depend on whether a rule got there first. The lifecycle's own moves follow the billing signals
 * read here, and are left out.
 * Changes after the period are read too, so whether an account's MRR was known does not depend on the period
 * asked for.
 * An account with a change in a currency that has no configured rate is left out whole and named in the
 * report, rather than summed in the wrong currency.
 */
@Component
public class Revenue {

    private static final String MRR_CHANGES = """
            SELECT a.id AS account_id, a.segment, a.csm, a.arr, a.started_on, s.occurred_at,
                   s.payload->>'event' AS event, s.payload->>'amount' AS amount, s.payload->>'currency' AS currency
            FROM account a
            LEFT JOIN signal s ON s.account_id = a.id AND s.kind = 'billing'
                 AND s.payload->>'event' IN ('MRR_CHANGED', 'SUBSCRIPTION_CANCELLED', 'SUBSCRIPTION_REACTIVATED')
            WHERE (CAST(:csm AS text) IS NULL OR lower(a.csm) = lower(CAST(:csm AS text)))
              AND (s.id IS NOT NULL OR a.arr > 0)
            ORDER BY a.id, s.occurred_at, s.id""";

    /** Moves into and out of CHURNED that no billing signal made. */
    private static final String MOVES = """
            SELECT h.account_id, h.occurred_at, h.to_stage = 'CHURNED' AS churned
            FROM stage_change h JOIN account a ON a.id = h.account_id
            WHERE h.origin IN ('SOURCE', 'RULE') AND h.from_stage IS NOT NULL
              AND (h.from_stage = 'CHURNED') <> (h.to_stage = 'CHURNED')
              AND (CAST(:csm AS text) IS NULL OR lower(a.csm) = lower(CAST(:csm AS text)))
            ORDER BY h.account_id, h.occurred_at, h.id""";

    /**
     * Accounts Tenure first heard of as CHURNED: former customers in a CRM's export, whose ARR is what they paid before
     * they left, at a time nobody told. Told by the record of the account's creation (no stage before it), not by the
     * earliest: a reactivation sent later may be older than the export that created the account.
     */
    private static final String FORMER_CUSTOMERS = """
            SELECT DISTINCT h.account_id
            FROM stage_change h JOIN account a ON a.id = h.account_id
            WHERE h.from_stage IS NULL AND h.to_stage = 'CHURNED'
              AND (CAST(:csm AS text) IS NULL OR lower(a.csm) = lower(CAST(:csm AS text)))""";

    private final JdbcClient jdbc;
    private final ExchangeRates rates;

    Revenue(JdbcClient jdbc, MetricsProperties properties) {
        this.jdbc = jdbc;
        this.rates = ExchangeRates.of(properties);
    }

    /**
     * @param csm only this CSM's accounts, or null for all
     */
    public MetricsReport<RevenueFigures> report(ReportPeriod period, GroupBy groupBy, String csm) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        jdbc.sql(MRR_CHANGES).param("csm", csm).query(rs -> {
            String id = rs.getString("account_id");
            Account account = accounts.computeIfAbsent(id, k -> {
                try {
                    java.sql.Date started = rs.getDate("started_on");
                    return new Account(new MetricsAccount(id, rs.getString("segment"), rs.getString("csm")),
                            rs.getBigDecimal("arr"),
                            started == null ? null : started.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Timestamp occurred = rs.getTimestamp("occurred_at");
            if (occurred == null) {
                return; // an account with an ARR and no billing signal at all
            }
            Instant at = occurred.toInstant();
            String event = rs.getString("event");
            if ("SUBSCRIPTION_CANCELLED".equals(event)) {
                account.changes.add(new MrrHistory.Change(at, BigDecimal.ZERO));
                return;
            }
            if ("SUBSCRIPTION_REACTIVATED".equals(event)) {
                account.reactivations.add(at);
                return;
            }
            String amount = rs.getString("amount");
            if (amount == null) {
                return; // an MRR change that does not say the new MRR changes nothing we can count
            }
            String currency = rs.getString("currency");
            rates.convert(new BigDecimal(amount), currency).ifPresentOrElse(
                    mrr -> account.changes.add(new MrrHistory.Change(at, mrr)),
                    () -> account.unknownCurrencies.add(currency));
        });
        jdbc.sql(MOVES).param("csm", csm).query(rs -> {
            Account account = accounts.get(rs.getString("account_id"));
            if (account == null) {
                return; // no ARR and no billing: nothing it paid to lose
            }
            Instant at = rs.getTimestamp("occurred_at").toInstant();
            if (rs.getBoolean("churned")) {
                account.changes.add(new MrrHistory.Change(at, BigDecimal.ZERO));
            } else {
                account.reactivations.add(at);
            }
        });
        java.util.Set<String> former = new java.util.HashSet<>(jdbc.sql(FORMER_CUSTOMERS).param("csm", csm).query(String.class).list());
        List<MrrHistory> histories = new ArrayList<>();
        List<MetricsReport.LeftOut> leftOut = new ArrayList<>();
        for (Account a : accounts.values()) {
            if (a.unknownCurrencies.isEmpty()) {
                MrrHistory history = MrrHistory.of(a.account, a.changes, a.reactivations, a.arr, a.since,
                        former.contains(a.account.id()));
                if (!history.changes().isEmpty()) {
                    histories.add(history);
                }
            } else {
                a.unknownCurrencies.forEach(c -> leftOut.add(new MetricsReport.LeftOut(a.account.id(), c,
                        "MRR in " + c + ", which has no rate to " + rates.reportingCurrency()
                                + " (set tenure.metrics.rates." + c + ")")));
            }
        }
        return RevenueReports.of(histories, period, groupBy, rates.reportingCurrency(), leftOut);
    }

    /** An account's changes as they are read. */
    private static final class Account {
        final MetricsAccount account;
        final List<MrrHistory.Change> changes = new ArrayList<>();
        final List<Instant> reactivations = new ArrayList<>();
        final TreeSet<String> unknownCurrencies = new TreeSet<>();
        final BigDecimal arr;
        final Instant since;

        Account(MetricsAccount account, BigDecimal arr, Instant since) {
            this.account = account;
            this.arr = arr;
            this.since = since;
        }
    }
}
