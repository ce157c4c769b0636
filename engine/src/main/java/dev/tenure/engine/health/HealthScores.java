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

/** Health score history per account. */
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
        jdbc.sql("INSERT INTO health_score (account_id, score, previous, components, computed_at) VALUES (?, ?, ?, ?::jsonb, ?)")
                .params(h.accountId(), h.score(), h.previous(), json.write(h.components()), Timestamp.from(h.computedAt()))
                .update();
    }

    /** Records many scores in one statement. */
    public void recordAll(List<HealthScore> scores) {
        if (scores.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO health_score (account_id, score, previous, components, computed_at)
                        SELECT * FROM unnest(?::text[], ?::int[], ?::int[], ?::jsonb[], ?::timestamptz[])""")
                .params(scores.stream().map(HealthScore::accountId).toArray(String[]::new),
                        scores.stream().map(HealthScore::score).toArray(Integer[]::new),
                        scores.stream().map(HealthScore::previous).toArray(Integer[]::new),
                        scores.stream().map(h -> json.write(h.components())).toArray(String[]::new),
                        scores.stream().map(h -> Timestamp.from(h.computedAt())).toArray(Timestamp[]::new))
                .update();
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
                        SELECT account_id, score, previous, components, computed_at FROM health_score
                        WHERE account_id = ? ORDER BY computed_at DESC, id DESC LIMIT ?""")
                .params(accountId, limit).query(this::row).list();
    }

    private HealthScore row(ResultSet rs, int n) throws SQLException {
        return new HealthScore(rs.getString(1), rs.getInt(2), rs.getInt(3), json.read(rs.getString(4), COMPONENTS),
                rs.getTimestamp(5).toInstant());
    }
}
