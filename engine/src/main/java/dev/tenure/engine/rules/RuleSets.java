package dev.tenure.engine.rules;

import dev.tenure.engine.storage.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every rule set version ever loaded, with its files and rule names. */
@Repository
public class RuleSets {

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public RuleSets(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(RuleSet ruleSet) {
        Map<String, String> files = ruleSet.files().files().stream()
                .collect(Collectors.toMap(RuleFile::path, RuleFile::content, (a, b) -> a, java.util.TreeMap::new));
        jdbc.sql("INSERT INTO rule_set (version, files, rules) VALUES (?, ?::jsonb, ?::jsonb) ON CONFLICT (version) DO NOTHING")
                .params(ruleSet.version(), json.write(files), json.write(ruleSet.ruleNames()))
                .update();
    }


    /** How often each rule started a play, for the rule set status. */
    public Map<String, Long> playsStartedByRule(String version) {
        return jdbc.sql("SELECT rule_name, count(*) FROM play_run WHERE rule_set_version = ? GROUP BY rule_name")
                .param(version)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    List<String> versions() {
        return jdbc.sql("SELECT version FROM rule_set ORDER BY loaded_at DESC").query(String.class).list();
    }
}
