package dev.tenure.engine.rules;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenure.engine.storage.AdvisoryLock;
import dev.tenure.engine.storage.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every rule set version ever submitted, with its files, its rules, where it stands and who brought it
 * in; and every attempt to change the rule set. Exactly one version is ACTIVE: the one in force on every
 * node that shares this database.
 */
@Repository
public class RuleSets {

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };
    private static final TypeReference<List<RuleProblem>> PROBLEMS = new TypeReference<>() {
    };
    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    /** The channel every node listens on; an activation notifies it with the version, on commit. */
    static final String CHANNEL = "tenure_rule_set";

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Clock clock;

    public RuleSets(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores the version as the ACTIVE one and retires the one before, in one transaction, and tells the
     * other nodes (PostgreSQL delivers the notification when the transaction commits, never before).
     */
    @Transactional
    void activate(RuleSet ruleSet, RuleSetOrigin origin, String who) {
        activate(ruleSet, origin, who, null);
    }

    /**
     * As {@link #activate(RuleSet, RuleSetOrigin, String)}, only while {@code replaces} is the version in force
     * (null: whichever is).
     *
     * @throws RuleSetConflictException if another version is in force; nothing is stored
     */
    @Transactional
    void activate(RuleSet ruleSet, RuleSetOrigin origin, String who, String replaces) {
        // Serializes activations across nodes sharing the database, so the one-ACTIVE index never trips
        // and the version in force cannot change between the check and the swap.
        AdvisoryLock.RULE_SET.takeForTransaction(jdbc);
        requireInForce(replaces);
        jdbc.sql("UPDATE rule_set SET status = 'RETIRED' WHERE status = 'ACTIVE' AND version <> ?")
                .param(ruleSet.version()).update();
        jdbc.sql("""
                        INSERT INTO rule_set (version, files, rules, status, errors, origin, who, loaded_at, activated_at)
                        VALUES (?, ?::jsonb, ?::jsonb, 'ACTIVE', '[]', ?, ?, ?, ?)
                        ON CONFLICT (version) DO UPDATE SET status = 'ACTIVE', errors = '[]', rules = excluded.rules,
                            origin = excluded.origin, who = excluded.who, activated_at = excluded.activated_at""")
                .params(ruleSet.version(), json.write(files(ruleSet.files())), json.write(ruleSet.ruleNames()),
                        origin.label(), who, now(), now())
                .update();
        event(ruleSet.version(), RuleSetChange.Outcome.ACTIVATED, origin, who, List.of());
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, ruleSet.version()).query().listOfRows();
    }

    /** The version in force for every node: the ACTIVE one (none only before the very first start). */
    public Optional<String> inForce() {
        return jdbc.sql("SELECT version FROM rule_set WHERE status = 'ACTIVE'").query(String.class).optional();
    }

    /**
     * Refuses a change made from {@code replaces} (null: from whatever is in force) when another version is in
     * force, naming who brought that one in and when.
     *
     * @throws RuleSetConflictException if {@code replaces} is not the version in force
     */
    void requireInForce(String replaces) {
        if (replaces == null) {
            return;
        }
        String inForce = inForce().orElse(null);
        if (replaces.equals(inForce)) {
            return;
        }
        String since = inForce == null ? "" : find(inForce)
                .map(v -> " (" + v.origin().label() + " by " + v.who() + (v.activatedAt() == null ? "" : " at " + v.activatedAt()) + ")")
                .orElse("");
        throw new RuleSetConflictException(replaces, inForce, "replaces: the change was made from rule set " + replaces
                + ", but " + (inForce == null ? "no version" : inForce + since) + " is in force now; nothing was changed."
                + " Make the change again from the version in force, so the change made in between is not undone.");
    }

    /**
     * The version the rules folder last brought in: the newest folder read that was made active, or found
     * to be the version already in force. A read of the folder is a change only when it differs from this.
     */
    /**
     * Whether the folder is as it was when it was last read (by any node): the version then on record is its
     * version, or the one it had before {@code facts.yml} was read as part of a rule set.
     */
    boolean folderUnchanged(RuleSetFiles folder) {
        Optional<String> last = lastFromFolder();
        return last.equals(Optional.of(folder.version())) || last.equals(Optional.of(folder.versionBeforeFactSettings()));
    }

    private Optional<String> lastFromFolder() {
        return jdbc.sql("""
                        SELECT version FROM rule_set_event
                         WHERE origin = 'folder' AND outcome IN ('ACTIVATED', 'UNCHANGED')
                         ORDER BY id DESC LIMIT 1""")
                .query(String.class).optional();
    }

    /**
     * Stores a candidate that failed its checks as REJECTED, with its problems. A version that was once
     * active keeps its status (a rollback that fails now does not rewrite history); the attempt is
     * recorded either way.
     */
    @Transactional
    void reject(RuleSetFiles files, List<String> ruleNames, List<RuleProblem> problems, RuleSetOrigin origin, String who) {
        jdbc.sql("""
                        INSERT INTO rule_set (version, files, rules, status, errors, origin, who, loaded_at)
                        VALUES (?, ?::jsonb, ?::jsonb, 'REJECTED', ?::jsonb, ?, ?, ?)
                        ON CONFLICT (version) DO UPDATE SET errors = excluded.errors, origin = excluded.origin,
                            who = excluded.who WHERE rule_set.status = 'REJECTED'""")
                .params(files.version(), json.write(files(files)), json.write(ruleNames), json.write(problems),
                        origin.label(), who, now())
                .update();
        event(files.version(), RuleSetChange.Outcome.REJECTED, origin, who, problems);
    }

    /** Records that someone submitted the version already in force. */
    void unchanged(String version, RuleSetOrigin origin, String who) {
        event(version, RuleSetChange.Outcome.UNCHANGED, origin, who, List.of());
    }

    /** All versions, the most recently stored or activated first. */
    public List<RuleSetVersion> versions() {
        return jdbc.sql(VERSION_SELECT + " ORDER BY GREATEST(loaded_at, activated_at) DESC, version")
                .query(this::version).list();
    }

    public Optional<RuleSetVersion> find(String version) {
        return jdbc.sql(VERSION_SELECT + " WHERE version = ?").param(version).query(this::version).optional();
    }

    /** The files of a stored version, by path. */
    public Optional<Map<String, String>> files(String version) {
        return jdbc.sql("SELECT files FROM rule_set WHERE version = ?").param(version).query(String.class).optional()
                .map(text -> json.read(text, FILES));
    }

    /** A stored version's files as a rule set, named as stored (so it finds its own row and its play runs). */
    Optional<RuleSetFiles> ruleSetFiles(String version) {
        return files(version).map(stored -> new RuleSetFiles(version, stored.entrySet().stream()
                .map(e -> new RuleFile(e.getKey(), e.getValue())).sorted(Comparator.comparing(RuleFile::path)).toList()));
    }

    /** Every attempt to change the rule set to this version, newest first. */
    public List<RuleSetEvent> history(String version) {
        return jdbc.sql("SELECT version, at, outcome, origin, who, errors FROM rule_set_event WHERE version = ? ORDER BY at DESC, id DESC")
                .param(version)
                .query((rs, n) -> new RuleSetEvent(rs.getString("version"), rs.getTimestamp("at").toInstant(),
                        RuleSetChange.Outcome.valueOf(rs.getString("outcome")), RuleSetOrigin.of(rs.getString("origin")),
                        rs.getString("who"), json.read(rs.getString("errors"), PROBLEMS)))
                .list();
    }

    /** How often each rule started a play, for the rule set status. */
    public Map<String, Long> playsStartedByRule(String version) {
        return jdbc.sql("SELECT rule_name, count(*) FROM play_run WHERE rule_set_version = ? GROUP BY rule_name")
                .param(version)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** When each rule of a version last started a play. */
    public Map<String, Instant> lastStartByRule(String version) {
        return jdbc.sql("SELECT rule_name, max(started_at) FROM play_run WHERE rule_set_version = ? GROUP BY rule_name")
                .param(version)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void event(String version, RuleSetChange.Outcome outcome, RuleSetOrigin origin, String who, List<RuleProblem> errors) {
        jdbc.sql("INSERT INTO rule_set_event (version, outcome, origin, who, errors, at) VALUES (?, ?, ?, ?, ?::jsonb, ?)")
                .params(version, outcome.name(), origin.label(), who, json.write(errors), now())
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static final String VERSION_SELECT = """
            SELECT version, status, origin, who, loaded_at, activated_at, rules, errors FROM rule_set
            """;

    private RuleSetVersion version(ResultSet rs, int n) throws SQLException {
        Timestamp activated = rs.getTimestamp("activated_at");
        return new RuleSetVersion(rs.getString("version"), RuleSetStatus.valueOf(rs.getString("status")),
                RuleSetOrigin.of(rs.getString("origin")), rs.getString("who"), rs.getTimestamp("loaded_at").toInstant(),
                activated == null ? null : activated.toInstant(), json.read(rs.getString("rules"), NAMES),
                json.read(rs.getString("errors"), PROBLEMS));
    }

    private static Map<String, String> files(RuleSetFiles files) {
        return files.files().stream()
                .collect(Collectors.toMap(RuleFile::path, RuleFile::content, (a, b) -> a, TreeMap::new));
    }
}
