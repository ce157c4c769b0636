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
