package dev.tenure.engine.metrics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.List;

/**
 * Time to value of the accounts that started in the period ({@code account.started_on}): by month that
 * is by cohort (the start month), else by segment or CSM. Days are counted from the start date to the
 * UTC date the {@code FIRST_VALUE} milestone was reached.
 */
@Component
public class TimeToValueReport {

    private static final String STARTS = """
            SELECT a.id, a.segment, a.csm, a.started_on, m.reached_at
            FROM account a LEFT JOIN milestone m ON m.account_id = a.id AND m.type = 'FIRST_VALUE'
            WHERE a.started_on >= :from AND a.started_on < :to
              AND (CAST(:csm AS text) IS NULL OR lower(a.csm) = lower(CAST(:csm AS text)))""";

    private final JdbcClient jdbc;

    TimeToValueReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MetricsReport<TimeToValue> report(ReportPeriod period, GroupBy groupBy, String csm) {
        List<Dated<Long>> starts = jdbc.sql(STARTS).param("from", period.from()).param("to", period.to()).param("csm", csm)
                .query((rs, n) -> {
                    java.time.LocalDate started = rs.getDate("started_on").toLocalDate();
                    java.sql.Timestamp reached = rs.getTimestamp("reached_at");
                    Long days = reached == null ? null : java.time.temporal.ChronoUnit.DAYS.between(started,
                            reached.toInstant().atZone(ZoneOffset.UTC).toLocalDate());
                    return new Dated<>(new MetricsAccount(rs.getString("id"), rs.getString("segment"), rs.getString("csm")),
                            started.atStartOfDay(ZoneOffset.UTC).toInstant(), days);
                }).list();
        return new MetricsReport<>("time-to-value", period, groupBy, null,
                ReportRows.rows(starts, period, groupBy, TimeToValueReport::figures),
                ReportRows.total(starts, period, TimeToValueReport::figures), List.of());
    }

    private static TimeToValue figures(List<Dated<Long>> starts) {
        return TimeToValue.of(starts.stream().map(Dated::value).toList());
    }
}
