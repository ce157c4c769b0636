package dev.tenure.engine.metrics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NPS and CSAT from the stored {@code nps} and {@code csat} signals answered in the period. NPS counts
 * each contact once per row: their latest answer in the row's period (a contact who answered 3 in March
 * and 9 in April is a detractor in March, a promoter in April, and a promoter over both). CSAT counts
 * every answer, since each rates one ticket or interaction.
 */
@Component
public class Surveys {

    private static final String ANSWERS = """
            SELECT s.account_id, a.segment, a.csm, s.kind, s.occurred_at, s.external_id,
                   lower(s.payload->>'contactEmail') AS contact, (s.payload->>'score')::int AS score
            FROM signal s JOIN account a ON a.id = s.account_id
            WHERE s.kind IN ('nps', 'csat') AND s.occurred_at >= :start AND s.occurred_at < :end
              AND (CAST(:csm AS text) IS NULL OR lower(a.csm) = lower(CAST(:csm AS text)))
            ORDER BY s.occurred_at, s.id""";

    private final JdbcClient jdbc;

    Surveys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MetricsReport<SurveyFigures> report(ReportPeriod period, GroupBy groupBy, String csm) {
        List<Dated<Answer>> answers = jdbc.sql(ANSWERS).param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end())).param("csm", csm)
                .query((rs, n) -> new Dated<>(new MetricsAccount(rs.getString("account_id"), rs.getString("segment"),
                        rs.getString("csm")), rs.getTimestamp("occurred_at").toInstant(),
                        new Answer(rs.getString("kind"), respondent(rs.getString("account_id"), rs.getString("contact"),
                                rs.getString("external_id")), rs.getInt("score")))).list();
        return new MetricsReport<>("surveys", period, groupBy, null,
                ReportRows.rows(answers, period, groupBy, Surveys::figures),
                ReportRows.total(answers, period, Surveys::figures), List.of());
    }

    /** {@code answers} oldest first. */
    static SurveyFigures figures(List<Dated<Answer>> answers) {
        Map<String, Integer> latestNps = new LinkedHashMap<>();
        answers.stream().filter(a -> a.value().kind().equals("nps")).sorted(Comparator.comparing(Dated::at))
                .forEach(a -> latestNps.put(a.value().respondent(), a.value().score()));
        List<Integer> csat = answers.stream().filter(a -> a.value().kind().equals("csat")).map(a -> a.value().score()).toList();
        return new SurveyFigures(NetPromoterScore.of(latestNps.values()), CustomerSatisfaction.of(csat));
    }

    /** A contact at an account; an answer without a contact stands for itself. */
    private static String respondent(String accountId, String contact, String externalId) {
        return accountId + "\u0000" + (contact != null ? contact : "#" + externalId);
    }

    /** One survey answer: {@code nps} (0–10) or {@code csat} (1–5). */
    record Answer(String kind, String respondent, int score) {
    }
}
