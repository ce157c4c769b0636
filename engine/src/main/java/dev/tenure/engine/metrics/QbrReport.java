package dev.tenure.engine.metrics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * QBR completion: the tasks of the QBR play's runs ({@code tenure.metrics.qbr-play}) due in the period, and
 * how many of them are done (status {@code DONE}, whenever it was completed). By month is by the month
 * they were due.
 */
@Component
public class QbrReport {

    private static final String TASKS = """
            SELECT a.id, a.segment, a.csm, t.due_at, t.status = 'DONE' AS done
            FROM task t JOIN play_run r ON r.id = t.run_id JOIN account a ON a.id = t.account_id
            WHERE r.play_id = :play AND t.due_at >= :start AND t.due_at < :end
              AND (CAST(:csm AS text) IS NULL OR lower(a.csm) = lower(CAST(:csm AS text)))""";

    private final JdbcClient jdbc;
    private final String qbrPlay;

    QbrReport(JdbcClient jdbc, MetricsProperties properties) {
        this.jdbc = jdbc;
        this.qbrPlay = properties.qbrPlay();
    }

    public MetricsReport<QbrCompletion> report(ReportPeriod period, GroupBy groupBy, String csm) {
        List<Dated<Boolean>> tasks = jdbc.sql(TASKS).param("play", qbrPlay).param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end())).param("csm", csm)
                .query((rs, n) -> new Dated<>(new MetricsAccount(rs.getString("id"), rs.getString("segment"),
                        rs.getString("csm")), rs.getTimestamp("due_at").toInstant(), rs.getBoolean("done"))).list();
        return new MetricsReport<>("qbr-completion", period, groupBy, null,
                ReportRows.rows(tasks, period, groupBy, QbrReport::figures),
                ReportRows.total(tasks, period, QbrReport::figures), List.of());
    }

    private static QbrCompletion figures(List<Dated<Boolean>> tasks) {
        return QbrCompletion.of(tasks.size(), (int) tasks.stream().filter(Dated::value).count());
    }
}
