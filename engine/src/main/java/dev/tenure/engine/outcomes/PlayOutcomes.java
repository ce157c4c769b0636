package dev.tenure.engine.outcomes;

import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.rules.ActiveRuleSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of every measured run in a period, computed in one statement over the stored data: the
 * first moment after the start, up to the horizon, at which the run's goal held.
 * <ul>
 *   <li>{@code usageBackTo}: on day d (UTC), core usage of the 7 complete days before d is at least the
 *       percentage of the weekly baseline the rules saw at the start (the 28 complete days before the 7
 *       before the start day, divided by 4), rounded as the running play rounds it; reached at d, 00:00 UTC.
 *       Without a baseline the goal cannot be reached this way;</li>
 *   <li>{@code paymentReceived}: the first {@code INVOICE_PAID} billing signal after the start;</li>
 *   <li>{@code npsAtLeast}: the first NPS answer of at least that score after the start.</li>
 * </ul>
 * Any one condition reaches the goal, as any one stops the play. A run whose horizon is still ahead is
 * pending. Held-out runs are judged by exactly the same conditions.
 */
@Repository
@EnableConfigurationProperties(OutcomeProperties.class)
public class PlayOutcomes {

    /** The feature whose recovery {@code usageBackTo} measures, as the running play and the usage-drop rules do. */
    static final String CORE_FEATURE = "core";
    private static final double SECONDS_PER_DAY = 86_400.0;

    private final JdbcClient jdbc;
    private final ActiveRuleSet rules;
    private final OutcomeProperties properties;

    public PlayOutcomes(JdbcClient jdbc, ActiveRuleSet rules, OutcomeProperties properties) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.properties = properties;
    }

    /** Each measured play of the rule set in force, and any other play with measured runs in the period. */
    public List<PlayOutcome> report(OutcomeQuery query, Instant now) {
        return summarise(query, runs(query, now));
    }

    /** The report of runs already read for this query, by {@link #runs}. */
    public List<PlayOutcome> summarise(OutcomeQuery query, List<RunOutcome> runs) {
        Map<String, List<RunOutcome>> byPlay = new TreeMap<>();
        for (RunOutcome run : runs) {
            byPlay.computeIfAbsent(run.playId(), id -> new ArrayList<>()).add(run);
        }
        Map<String, PlayDefinition> plays = rules.get().plays();
        if (query.playId() == null) {
            plays.values().stream().filter(p -> p.measurement().measured())
                    .forEach(p -> byPlay.putIfAbsent(p.id(), List.of()));
        } else if (plays.containsKey(query.playId())) {
            byPlay.putIfAbsent(query.playId(), List.of());
        }
        List<PlayOutcome> report = new ArrayList<>();
        byPlay.forEach((id, played) -> {
            PlayDefinition play = plays.get(id);
            String name = play != null ? play.name() : played.get(0).playName();
            Integer within = play == null || !play.measurement().measured() ? null : (int) play.measurement().within().wholeDays();
            Integer holdout = play == null ? null : play.measurement().holdoutPercent();
            report.add(PlayOutcome.of(id, name, within, holdout, played, properties.minimumRuns()));
        });
        return report;
    }

    /** Whether the play is known at all: in the rule set in force, or with runs stored. */
    public boolean known(String playId) {
        return rules.get().play(playId).isPresent()
                || jdbc.sql("SELECT EXISTS (SELECT 1 FROM play_run WHERE play_id = ?)").param(playId).query(Boolean.class).single();
    }

    /** The measured runs started in the period, oldest first, each with its goal at its horizon. */
    public List<RunOutcome> runs(OutcomeQuery query, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return jdbc.sql(OUTCOMES)
                .param("from", Timestamp.from(query.from()))
                .param("to", Timestamp.from(query.to()))
                .param("play", query.playId())
                .param("csm", query.csm())
                .param("today", Date.valueOf(today))
                .param("feature", CORE_FEATURE)
                .query((rs, n) -> outcome(rs, now))
                .list();
    }

    private RunOutcome outcome(ResultSet rs, Instant now) throws SQLException {
        Instant started = rs.getTimestamp("started_at").toInstant();
        Instant horizon = rs.getTimestamp("horizon_at").toInstant();
        Timestamp reachedAt = rs.getTimestamp("reached_at");
        Instant reached = reachedAt == null ? null : reachedAt.toInstant();
        GoalStatus status = horizon.isAfter(now) ? GoalStatus.PENDING : reached != null ? GoalStatus.REACHED : GoalStatus.MISSED;
        Double days = reached == null ? null : Duration.between(started, reached).toSeconds() / SECONDS_PER_DAY;
        return new RunOutcome(rs.getLong("id"), rs.getString("play_id"), rs.getString("play_name"),
                rs.getString("account_id"), rs.getString("account_name"), rs.getString("csm"),
                RunStatus.valueOf(rs.getString("status")) == RunStatus.HOLDOUT ? Arm.HOLDOUT : Arm.ENROLLED, started, horizon, status, reached, days);
    }

    /*
     * One statement for the whole period: the usage goal is checked for every day of every run's horizon by
     * joining the days with the daily rollup (a range scan of its primary key per day), not a query per run.
     */
    private static final String OUTCOMES = """
            WITH runs AS (
                SELECT r.id, r.account_id, r.play_id, r.play_name, r.status, r.started_at,
                       r.goal_horizon_at AS horizon_at,
                       CAST(r.started_at AT TIME ZONE 'UTC' AS date) AS start_day,
                       CAST(r.stop_when->>'usageBackTo' AS int) AS usage_back_to,
                       coalesce(CAST(r.stop_when->>'paymentReceived' AS boolean), false) AS payment_received,
                       CAST(r.stop_when->>'npsAtLeast' AS int) AS nps_at_least
                FROM play_run r JOIN account a ON a.id = r.account_id
                WHERE r.goal_within IS NOT NULL AND r.started_at >= :from AND r.started_at < :to
                  AND (CAST(:play AS text) IS NULL OR r.play_id = :play)
                  AND (CAST(:csm AS text) IS NULL OR lower(a.csm) = lower(:csm))
            ),
            baselines AS (
                SELECT r.id, r.account_id, r.usage_back_to, r.start_day,
                       LEAST(CAST(r.horizon_at AT TIME ZONE 'UTC' AS date), CAST(:today AS date)) AS last_day,
                       (SELECT coalesce(sum(u.quantity), 0) FROM usage_daily u
                        WHERE u.account_id = r.account_id AND u.feature = :feature
                          AND u.day >= r.start_day - 35 AND u.day < r.start_day - 7) AS prior28
                FROM runs r WHERE r.usage_back_to IS NOT NULL
            ),
            usage_days AS (
                SELECT b.id, b.account_id, b.usage_back_to, b.prior28, b.start_day + g.n AS day
                FROM baselines b CROSS JOIN LATERAL generate_series(1, b.last_day - b.start_day) AS g(n)
                WHERE b.prior28 > 0
            ),
            usage_reached AS (
                SELECT w.id, min(w.day) AS day FROM (
                    SELECT d.id, d.day, d.usage_back_to, d.prior28, coalesce(sum(u.quantity), 0) AS last7
                    FROM usage_days d
                    LEFT JOIN usage_daily u ON u.account_id = d.account_id AND u.feature = :feature
                                           AND u.day >= d.day - 7 AND u.day < d.day
                    GROUP BY d.id, d.day, d.usage_back_to, d.prior28
                ) w
                WHERE round(400.0 * w.last7 / w.prior28) >= w.usage_back_to
                GROUP BY w.id
            ),
            paid AS (
                SELECT r.id, min(s.occurred_at) AS at FROM runs r
                JOIN signal s ON s.account_id = r.account_id AND s.kind = 'billing' AND s.payload->>'event' = 'INVOICE_PAID'
                             AND s.occurred_at > r.started_at AND s.occurred_at <= r.horizon_at
                WHERE r.payment_received GROUP BY r.id
            ),
            answered AS (
                SELECT r.id, min(s.occurred_at) AS at FROM runs r
                JOIN signal s ON s.account_id = r.account_id AND s.kind = 'nps'
                             AND CAST(s.payload->>'score' AS int) >= r.nps_at_least
                             AND s.occurred_at > r.started_at AND s.occurred_at <= r.horizon_at
                WHERE r.nps_at_least IS NOT NULL GROUP BY r.id
            )
            SELECT r.id, r.play_id, r.play_name, r.account_id, a.name AS account_name, a.csm, r.status, r.started_at,
                   r.horizon_at,
                   LEAST(CAST(ur.day AS timestamp) AT TIME ZONE 'UTC', p.at, n.at) AS reached_at
            FROM runs r JOIN account a ON a.id = r.account_id
            LEFT JOIN usage_reached ur ON ur.id = r.id
            LEFT JOIN paid p ON p.id = r.id
            LEFT JOIN answered n ON n.id = r.id
            ORDER BY r.started_at, r.id""";
}
