package dev.tenure.engine.backtest;

import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleLimits;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.rules.RuleSetUpload;
import dev.tenure.engine.storage.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rule sets a backtest or dry run can use: the one in force, any version ever stored (recompiled
 * from its stored files, in a KieContainer of its own), or files not loaded anywhere yet.
 */
@Component
public class CandidateRuleSets {

    private final ActiveRuleSet active;
    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final RuleSetCompiler compiler;
    /** Longer than any compile within the rule limits takes, so a request behind one or two others gets its turn. */
    private final CompileGate gate = new CompileGate(Duration.ofSeconds(60));

    public CandidateRuleSets(ActiveRuleSet active, JdbcClient jdbc, JsonColumns json, RuleLimits limits) {
        this.active = active;
        this.jdbc = jdbc;
        this.json = json;
        this.compiler = new RuleSetCompiler(limits);
    }

    public RuleSet active() {
        return active.get();
    }

    /**
     * A stored version; the one in force is used as it is. A text no version can be (a control character, which
     * PostgreSQL refuses in a parameter as a server error, or longer than an id) is refused naming {@code version}
     * before it is looked up.
     */
    public RuleSet version(String version) {
        RecordBounds.require("version", RecordBounds.idProblem(version));
        RuleSet current = active.get();
        if (current.version().equals(version)) {
            return current;
        }
        String files = jdbc.sql("SELECT files FROM rule_set WHERE version = ?").param(version).query(String.class)
                .optional().orElseThrow(() -> new IllegalArgumentException("version: no rule set '" + version + "' is stored"));
        List<RuleFile> ruleFiles = json.map(files).entrySet().stream()
                .map(e -> new RuleFile(e.getKey(), String.valueOf(e.getValue())))
                .sorted(Comparator.comparing(RuleFile::path)).toList();
        return compile(RuleSetFiles.of(ruleFiles));
    }

    /**
     * Compiles files into a candidate, one at a time ({@link CompileGate}); an
     * {@link dev.tenure.engine.rules.InvalidRuleSetException} names each problem.
     */
    public RuleSet compile(RuleSetFiles files) {
        return gate.run(() -> compiler.compile(files));
    }

    /**
     * Files given as path to content (as an API posts them), held to what an upload may hold: a file without text, a
     * path outside the rules folder or a text beyond the bounds is refused by path with an {@link IllegalArgumentException}.
     */
    public RuleSet compile(Map<String, String> files) {
        return compile(RuleSetUpload.files(files));
    }
}
