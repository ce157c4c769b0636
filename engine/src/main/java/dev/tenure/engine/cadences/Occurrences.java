package dev.tenure.engine.cadences;

import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.plays.Cadence;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRunChanges;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Occurrence;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The database side of cadences, set-wise: the accounts that may have an occurrence coming up, read a
 * page at a time, and the runs, steps and timeline entries of many occurrences written with one
 * statement each. The unique index on (play, account, occurrence) decides which occurrences are new, and the
 * one on the run a run redoes which stopped occurrences are written again.
 */
@Repository
class Occurrences {

    /**
     * The result {@code PlayRunChanges.stopFor} gives the steps of a run it stops because the account churned: such
     * an occurrence is written again once the account is active again. A run a person cancelled, or that completed,
     * is not.
     */
    static final String STOPPED_BY_CHURN = PlayRunChanges.stoppedResult(Audience.CHURNED_ACCOUNT);
    /** A run of an occurrence that a churn stopped: CANCELLED, with steps carrying that result. */
    private static final String CHURN_STOPPED_RUN =
            "r.status = 'CANCELLED' AND EXISTS (SELECT 1 FROM play_step s WHERE s.run_id = r.id AND s.result = ?)";

    private final JdbcClient jdbc;
    private final JsonColumns json;

    Occurrences(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Accounts after {@code afterId} (by id) that the cadence applies to, that have not churned, and whose
     * next occurrence, counted from {@code from}, falls on or before {@code to} and has no run yet, or only runs
     * a churn stopped. The dates are loose (a day either side of every account's own today); the planner decides
     * exactly.
     */
    List<Account> candidates(PlayDefinition play, LocalDate from, LocalDate to, String afterId, int limit) {
        Cadence cadence = play.cadence();
        String occurrence;
        List<Object> params = new ArrayList<>();
        switch (cadence.kind()) {
            case EVERY:
                occurrence = "a.started_on + greatest(1, ceil((CAST(? AS date) - a.started_on) / CAST(? AS numeric)))::int * ?";
                params.add(java.sql.Date.valueOf(from));
                params.add(cadence.everyDays());
                params.add(cadence.everyDays());
                break;
            case QUARTER:
                occurrence = "CAST(date_trunc('quarter', CAST(? AS date) - 1) + interval '3 months' AS date)";
                params.add(java.sql.Date.valueOf(from));
                break;
            default:
                occurrence = "a.renewal_on";
                break;
        }
        String[] segments = cadence.segments().stream().map(Enum::name).toArray(String[]::new);
        String[] stages = cadence.stages().stream().map(Enum::name).toArray(String[]::new);
        params.addAll(List.of(afterId, segments.length, segments, stages.length, stages,
                java.sql.Date.valueOf(from), java.sql.Date.valueOf(to), play.id(), STOPPED_BY_CHURN, limit));
        return jdbc.sql("SELECT " + prefixed() + " FROM (SELECT a.*, " + occurrence + " AS occurs FROM account a"
                        + """
                         WHERE a.id > ? AND (? = 0 OR a.segment = ANY(?)) AND (? = 0 OR a.stage = ANY(?))) a
                        WHERE a.occurs BETWEEN ? AND ?
                          AND a.stage <> 'CHURNED'
                          AND NOT EXISTS (SELECT 1 FROM play_run r WHERE r.play_id = ? AND r.account_id = a.id
                                          AND r.occurs_on = a.occurs AND NOT (%s))
                        ORDER BY a.id LIMIT ?""".formatted(CHURN_STOPPED_RUN))
                .params(params).query(Accounts::account).list();
    }

    /**
     * For those of these accounts that have any: per occurrence on or after {@code from}, its latest run, when a churn
     * stopped it and no run redoes it yet, with the steps whose turn already came in any run of that occurrence.
     */
    Map<String, List<StoppedRun>> stoppedRuns(PlayDefinition play, List<String> accountIds, LocalDate from) {
        Map<String, List<StoppedRun>> stopped = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (r.account_id, r.occurs_on) r.account_id, r.id, r.occurs_on,
                               array(SELECT DISTINCT s.position FROM play_run o JOIN play_step s ON s.run_id = o.id
                                     WHERE o.play_id = r.play_id AND o.account_id = r.account_id AND o.occurs_on = r.occurs_on
                                       AND s.result IS DISTINCT FROM ?)
                        FROM play_run r
                        WHERE r.play_id = ? AND r.account_id = ANY(?) AND r.occurs_on >= ? AND %s
                          AND NOT EXISTS (SELECT 1 FROM play_run n WHERE n.redoes = r.id)
                        ORDER BY r.account_id, r.occurs_on, r.id DESC""".formatted(CHURN_STOPPED_RUN))
                .params(STOPPED_BY_CHURN, play.id(), accountIds.toArray(String[]::new), java.sql.Date.valueOf(from),
                        STOPPED_BY_CHURN)
                .query(rs -> {
                    Set<Integer> taken = new HashSet<>(Arrays.asList((Integer[]) rs.getArray(4).getArray()));
                    stopped.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new StoppedRun(rs.getLong(2), rs.getDate(3).toLocalDate(), taken));
                });
        return stopped;
    }

    private static String prefixed() {
        return "a." + Accounts.COLUMNS.replace(", ", ", a.");
    }

    /**
     * Writes the runs of these occurrences that do not exist yet, with their steps and a timeline entry
     * each, in the caller's transaction. Returns the occurrences written, by run id.
     */
    Map<Long, PlannedOccurrence> write(PlayDefinition play, String ruleSetVersion, List<PlannedOccurrence> planned,
                                       Instant now) {
        if (planned.isEmpty()) {
            return Map.of();
        }
        Map<String, PlannedOccurrence> byAccount = new HashMap<>();
        String[] accountIds = new String[planned.size()];
        String[] facts = new String[planned.size()];
        String[] dates = new String[planned.size()];
        Long[] redoes = new Long[planned.size()];
        for (int i = 0; i < planned.size(); i++) {
            PlannedOccurrence o = planned.get(i);
            byAccount.put(o.account().id(), o);
            accountIds[i] = o.account().id();
            facts[i] = json.write(why(play, o, ruleSetVersion).matchedFacts());
            dates[i] = o.occursOn().toString();
            redoes[i] = o.redoes();
        }
        Timestamp at = Timestamp.from(now);
        Map<Long, PlannedOccurrence> written = new LinkedHashMap<>();
        // No conflict target: a first run meets the index on its occurrence, a run written again the one on the run it redoes.
        jdbc.sql("""
                        INSERT INTO play_run (account_id, play_id, play_name, status, started_at, rule_name,
                                              rule_set_version, matched_facts, stop_when, occurs_on, redoes)
                        SELECT t.account_id, ?, ?, 'RUNNING', ?, ?, ?, t.facts::jsonb, ?::jsonb, t.occurs_on::date, t.redoes
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) AS t(account_id, facts, occurs_on, redoes)
                        ON CONFLICT DO NOTHING
                        RETURNING id, account_id""")
                .params(play.id(), play.name(), at, ruleName(play), ruleSetVersion, json.write(play.stopWhen()),
                        accountIds, facts, dates, redoes)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
                .forEach(run -> written.put(run.getKey(), byAccount.get(run.getValue())));
        if (written.isEmpty()) {
            return written;
        }
        writeSteps(written, at);
        List<Object[]> entries = new ArrayList<>();
        written.forEach((runId, o) -> entries.add(new Object[]{o.account().id(), o.redoes() == null
                ? "Play \"" + play.name() + "\" started by its cadence (" + play.cadence().describe() + ") for " + o.occursOn()
                : "Play \"" + play.name() + "\" started again by its cadence (" + play.cadence().describe() + ") for "
                        + o.occursOn() + ": the account is active again, and the churn stopped run " + o.redoes(),
                "play:" + runId}));
        timeline(entries, "play.started", at);
        return written;
    }

    private void writeSteps(Map<Long, PlannedOccurrence> runs, Timestamp now) {
        List<Long> runIds = new ArrayList<>();
        List<String> accountIds = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> results = new ArrayList<>();
        runs.forEach((runId, o) -> o.steps().forEach(s -> {
            runIds.add(runId);
            accountIds.add(o.account().id());
            positions.add(s.position());
            types.add(s.step().type().name());
            definitions.add(json.write(s.step()));
            dues.add(s.dueAt().toString());
            statuses.add((s.skipped() == null ? StepStatus.SCHEDULED : StepStatus.SKIPPED).name());
            results.add(s.skipped());
        }));
        List<Object[]> skipped = jdbc.sql("""
                        INSERT INTO play_step (run_id, account_id, position, type, definition, due_at, status,
                                               executed_at, result)
                        SELECT t.run_id, t.account_id, t.position, t.type, t.definition::jsonb, t.due_at::timestamptz,
                               t.status, CASE WHEN t.status = 'SKIPPED' THEN CAST(? AS timestamptz) END, t.result
                        FROM unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             AS t(run_id, account_id, position, type, definition, due_at, status, result)
                        RETURNING id, account_id, status, result""")
                .params(now, runIds.toArray(Long[]::new), accountIds.toArray(String[]::new),
                        positions.toArray(Integer[]::new), types.toArray(String[]::new),
                        definitions.toArray(String[]::new), dues.toArray(String[]::new),
                        statuses.toArray(String[]::new), results.toArray(String[]::new))
                .query((rs, n) -> new Object[]{rs.getString(2), "Step skipped: " + rs.getString(4), "step:" + rs.getLong(1),
                        StepStatus.valueOf(rs.getString(3))})
                .list().stream().filter(row -> row[3] == StepStatus.SKIPPED).toList();
        timeline(skipped, "step.skipped", now);
    }

    private void timeline(List<Object[]> entries, String type, Timestamp at) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO timeline_entry (account_id, at, type, summary, ref)
                        SELECT t.account_id, ?, ?, t.summary, t.ref FROM unnest(?::text[], ?::text[], ?::text[])
                             AS t(account_id, summary, ref)""")
                .params(at, type, entries.stream().map(e -> (String) e[0]).toArray(String[]::new),
                        entries.stream().map(e -> (String) e[1]).toArray(String[]::new),
                        entries.stream().map(e -> (String) e[2]).toArray(String[]::new))
                .update();
    }

    static String ruleName(PlayDefinition play) {
        return "cadence: " + play.cadence().describe();
    }

    /** The run's why: the cadence and the occurrence stand where a rule's matched facts would. */
    static Why why(PlayDefinition play, PlannedOccurrence o, String ruleSetVersion) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("account", o.account());
        facts.put("occurrence", new Occurrence(o.account().id(), play.cadence().describe(), o.occursOn()));
        return new Why(ruleName(play), ruleSetVersion, facts);
    }
}
