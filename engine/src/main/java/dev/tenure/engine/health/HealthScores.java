package dev.tenure.engine.health;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Health score history per account, each score with the band it had and the model version that scored it. */
@Repository
public class HealthScores {

    private static final TypeReference<List<HealthComponent>> COMPONENTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public HealthScores(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(HealthScore h) {
        jdbc.sql("""
                        INSERT INTO health_score (account_id, score, band, previous, components, computed_at, model_version)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(h.accountId(), h.score(), h.band(), h.previous(), json.write(h.components()),
                        Timestamp.from(h.computedAt()), h.modelVersion())
                .update();
    }

    /** Records many scores in one statement. */
    public void recordAll(List<HealthScore> scores) {
        if (scores.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO health_score (account_id, score, band, previous, components, computed_at, model_version)
                        SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::int[], ?::jsonb[], ?::timestamptz[], ?::text[])""")
                .params(scores.stream().map(HealthScore::accountId).toArray(String[]::new),
                        scores.stream().map(HealthScore::score).toArray(Integer[]::new),
                        scores.stream().map(HealthScore::band).toArray(String[]::new),
                        scores.stream().map(HealthScore::previous).toArray(Integer[]::new),
                        scores.stream().map(h -> json.write(h.components())).toArray(String[]::new),
                        scores.stream().map(h -> Timestamp.from(h.computedAt())).toArray(Timestamp[]::new),
                        scores.stream().map(HealthScore::modelVersion).toArray(String[]::new))
                .update();
    }

    /**
     * Stores scores computed afterwards from history, as {@link HealthOrigin#BACKFILL}. A backfill first
     * deletes its own earlier scores of the same days ({@link #deleteBackfilled}), in the same transaction.
     */
    public void recordBackfilled(List<HealthScore> scores) {
        if (scores.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO health_score (account_id, score, band, previous, components, computed_at, model_version, origin)
                        SELECT *, 'BACKFILL' FROM unnest(?::text[], ?::int[], ?::text[], ?::int[], ?::jsonb[], ?::timestamptz[], ?::text[])""")
                .params(scores.stream().map(HealthScore::accountId).toArray(String[]::new),
                        scores.stream().map(HealthScore::score).toArray(Integer[]::new),
                        scores.stream().map(HealthScore::band).toArray(String[]::new),
                        scores.stream().map(HealthScore::previous).toArray(Integer[]::new),
                        scores.stream().map(h -> json.write(h.components())).toArray(String[]::new),
                        scores.stream().map(h -> Timestamp.from(h.computedAt())).toArray(Timestamp[]::new),
                        scores.stream().map(HealthScore::modelVersion).toArray(String[]::new))
                .update();
    }

    /** Deletes the backfilled scores computed in [from, to); returns how many. */
    public int deleteBackfilled(java.time.Instant from, java.time.Instant to) {
        return jdbc.sql("DELETE FROM health_score WHERE origin = 'BACKFILL' AND computed_at >= ? AND computed_at < ?")
                .params(Timestamp.from(from), Timestamp.from(to)).update();
    }

    /**
     * Points each score of [from, to), and each account's first score from {@code to} on, at the score stored before it
     * (-1 for an account's first): after a backfill replaced the scores of those days, what came after them, backfilled
     * or live, still had a replaced score as its previous (a shorter rerun, or one with another model). Live scores of
     * the days are linked too: the live evaluation took the latest score then, and the days before it now have scores.
     * Returns how many were changed.
     */
    public int relinkPrevious(java.time.Instant from, java.time.Instant to) {
        return jdbc.sql("""
                        WITH chain AS (
                            SELECT id, account_id, computed_at, score, previous FROM health_score
                            WHERE computed_at >= :from AND computed_at < :to
                            UNION ALL
                            SELECT b.* FROM account a CROSS JOIN LATERAL (
                                SELECT id, account_id, computed_at, score, previous FROM health_score h
                                WHERE h.account_id = a.id AND h.computed_at < :from
                                ORDER BY h.computed_at DESC, h.id DESC LIMIT 1) b
                            UNION ALL
                            SELECT n.* FROM account a CROSS JOIN LATERAL (
                                SELECT id, account_id, computed_at, score, previous FROM health_score h
                                WHERE h.account_id = a.id AND h.computed_at >= :to
                                ORDER BY h.computed_at, h.id LIMIT 1) n),
                        linked AS (
                            SELECT id, computed_at, previous,
                                   coalesce(lag(score) OVER (PARTITION BY account_id ORDER BY computed_at, id), -1) AS before
                            FROM chain)
                        UPDATE health_score h SET previous = l.before FROM linked l
                        WHERE h.id = l.id AND l.computed_at >= :from AND l.previous IS DISTINCT FROM l.before""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).update();
    }

    /** A score as a backfill needs to know it: whose, when, what. */
    public record Scored(String accountId, java.time.Instant computedAt, int score) {
    }

    /** The live scores computed in [from, to), oldest first. */
    public List<Scored> live(java.time.Instant from, java.time.Instant to) {
        return jdbc.sql("""
                        SELECT account_id, computed_at, score FROM health_score
                        WHERE origin = 'LIVE' AND computed_at >= ? AND computed_at < ? ORDER BY computed_at, id""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new Scored(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3))).list();
    }

    /** Each account's latest score (of any origin) before this moment. */
    public Map<String, Integer> latestBefore(java.time.Instant at) {
        Map<String, Integer> scores = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (account_id) account_id, score FROM health_score WHERE computed_at < ?
                        ORDER BY account_id, computed_at DESC, id DESC""")
                .param(Timestamp.from(at))
                .query(rs -> {
                    scores.put(rs.getString(1), rs.getInt(2));
                });
        return scores;
    }

    /** The latest score of each of these accounts that has one. */
    public Map<String, Integer> latestScores(Collection<String> accountIds) {
        Map<String, Integer> scores = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (account_id) account_id, score FROM health_score
                        WHERE account_id = ANY(?) ORDER BY account_id, computed_at DESC, id DESC""")
                .param(accountIds.toArray(String[]::new))
                .query(rs -> {
                    scores.put(rs.getString(1), rs.getInt(2));
                });
        return scores;
    }

    public Optional<HealthScore> latest(String accountId) {
        return history(accountId, 1).stream().findFirst();
    }

    public List<HealthScore> history(String accountId, int limit) {
        return jdbc.sql("""
                        SELECT account_id, score, band, previous, components, computed_at, model_version FROM health_score
                        WHERE account_id = ? ORDER BY computed_at DESC, id DESC LIMIT ?""")
                .params(accountId, limit).query(this::row).list();
    }

    HealthScore row(ResultSet rs, int n) throws SQLException {
        return new HealthScore(rs.getString("account_id"), rs.getInt("score"), rs.getString("band"), rs.getInt("previous"),
                json.read(rs.getString("components"), COMPONENTS), rs.getTimestamp("computed_at").toInstant(),
                rs.getString("model_version"));
    }
}
