package dev.tenure.engine.rules;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.storage.JsonColumns;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Answers "why does this exist?" for a play run, step, task or email from what was stored with its play run. */
@Repository
public class Explanations {

    /** For each kind, how to find its play run and step: (run_id, step_id) of the row with the given id. */
    private static final Map<String, String> ORIGINS = Map.of(
            "play", "SELECT id AS run_id, CAST(NULL AS bigint) AS step_id FROM play_run WHERE id = ?",
            "step", "SELECT run_id, id AS step_id FROM play_step WHERE id = ?",
            "task", "SELECT run_id, step_id FROM task WHERE id = ?",
            "email", "SELECT run_id, step_id FROM email WHERE id = ?");
    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public Explanations(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Why the thing of this kind and id exists; empty if there is no such thing.
     *
     * @throws IllegalArgumentException for a kind other than play, step, task or email
     */
    public Optional<Explanation> explain(String kind, long id) {
        String sql = ORIGINS.get(kind.toLowerCase(Locale.ROOT));
        if (sql == null) {
            throw new IllegalArgumentException("kind: '" + kind + "' is not one of play, step, task, email");
        }
        return jdbc.sql(sql).param(id).query((rs, n) -> new Origin((Long) rs.getObject("run_id"), (Long) rs.getObject("step_id")))
                .optional()
                .map(origin -> explain(kind.toLowerCase(Locale.ROOT), id, origin));
    }

    private Explanation explain(String kind, long id, Origin origin) {
        Explanation.StepRef step = origin.stepId() == null ? null : step(origin.stepId());
        if (origin.runId() == null) {
            // Made by hand: no play, so no rule stands behind it.
            return new Explanation(kind, id, null, null, step, null, null, null, null, null);
        }
        return jdbc.sql("""
                        SELECT r.id, r.account_id, a.name AS account_name, r.play_id, r.play_name, r.status, r.started_at,
                               r.ended_at, r.rule_name, r.rule_set_version, r.matched_facts, s.status AS rule_set_status, s.files
                        FROM play_run r JOIN account a ON a.id = r.account_id JOIN rule_set s ON s.version = r.rule_set_version
                        WHERE r.id = ?""")
                .param(origin.runId())
                .query((rs, n) -> explanation(kind, id, step, rs))
                .single();
    }

    private Explanation explanation(String kind, long id, Explanation.StepRef step, ResultSet rs) throws SQLException {
        Instant startedAt = rs.getTimestamp("started_at").toInstant();
        Timestamp ended = rs.getTimestamp("ended_at");
        String rule = rs.getString("rule_name");
        return new Explanation(kind, id,
                new Explanation.AccountRef(rs.getString("account_id"), rs.getString("account_name")),
                new Explanation.PlayRef(rs.getLong("id"), rs.getString("play_id"), rs.getString("play_name"),
                        RunStatus.valueOf(rs.getString("status")), startedAt, ended == null ? null : ended.toInstant()),
                step, rule,
                new Explanation.RuleSetRef(rs.getString("rule_set_version"), RuleSetStatus.valueOf(rs.getString("rule_set_status"))),
                json.facts(rs.getString("matched_facts")), startedAt,
                source(rule, json.read(rs.getString("files"), FILES)));
    }

    private Explanation.StepRef step(long stepId) {
        return jdbc.sql("SELECT id, position, type, status, due_at, executed_at, result FROM play_step WHERE id = ?")
                .param(stepId)
                .query((rs, n) -> {
                    Timestamp executed = rs.getTimestamp("executed_at");
                    return new Explanation.StepRef(rs.getLong("id"), rs.getInt("position"), rs.getString("type"),
                            StepStatus.valueOf(rs.getString("status")), rs.getTimestamp("due_at").toInstant(),
                            executed == null ? null : executed.toInstant(), rs.getString("result"));
                })
                .single();
    }

    /**
     * The DRL file whose text declares {@code rule "<name>"} (or with single quotes, or bare), else the decision
     * table whose row names the rule; null if none does.
     */
    static Explanation.RuleSource source(String rule, Map<String, String> files) {
        Pattern declaration = Pattern.compile("(?m)^[ \\t]*rule[ \\t]+(\"" + Pattern.quote(rule) + "\"|'"
                + Pattern.quote(rule) + "'|" + Pattern.quote(rule) + "(?=\\s))");
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!file.getKey().endsWith(".drl")) {
                continue;
            }
            Matcher m = declaration.matcher(file.getValue());
            if (m.find()) {
                int line = (int) file.getValue().substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                return new Explanation.RuleSource(file.getKey(), line, file.getValue());
            }
        }
        return tableRow(rule, files);
    }

    /**
     * A decision table's row that names the rule (a cell of its NAME column holds the whole name): the rule
     * is written there, one row per rule, with its thresholds.
     */
    private static Explanation.RuleSource tableRow(String rule, Map<String, String> files) {
        CsvLineParser parser = new CsvLineParser();
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!file.getKey().endsWith(".csv")) {
                continue;
            }
            String[] lines = file.getValue().split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(rule) && parser.parse(lines[i]).stream().anyMatch(cell -> rule.equals(cell.strip()))) {
                    return new Explanation.RuleSource(file.getKey(), i + 1, file.getValue());
                }
            }
        }
        return null;
    }

    private record Origin(Long runId, Long stepId) {
    }
}
