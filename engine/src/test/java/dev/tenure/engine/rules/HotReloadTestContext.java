package dev.tenure.engine.rules;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.testing.RuleSetsInForce;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Spring context for the hot reload tests: the engine on its own copy of the starter rules (so
 * editing them disturbs no other test), a short quiet time for the watcher, and a gate that refuses any
 * candidate whose DRL says {@value #REFUSED_BY_GATE}.
 */
@SpringBootTest(classes = {EngineTestApplication.class, HotReloadTestContext.RefusingGate.class},
        properties = "tenure.rules-watch-debounce=200ms")
abstract class HotReloadTestContext {

    static final String REFUSED_BY_GATE = "gate: refuse";

    @Autowired
    ActiveRuleSet active;
    @Autowired
    RuleSetReload reload;
    @Autowired
    RuleSets ruleSets;
    @Autowired
    EngineProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuleSetNodes nodes;

    @DynamicPropertySource
    static void copyOfTheStarterRules(DynamicPropertyRegistry registry) {
        Path copy = copy(Path.of("../rules"));
        registry.add("tenure.rules-folder", copy::toString);
    }

    /**
     * Each test starts from the starter rules, whatever the one before edited, uploaded or rolled back, on
     * every node: the JVM's other contexts follow the rule set in force too.
     */
    @AfterEach
    void backToTheStarterRules() throws IOException {
        Path starter = Path.of("../rules");
        try (Stream<Path> paths = Files.walk(rules())) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!Files.exists(starter.resolve(rules().relativize(p).toString()))) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> paths = Files.walk(starter)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                Path copy = rules().resolve(starter.relativize(p).toString());
                if (Files.mismatch(p, copy) != -1) {
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        reload.fromFolder("test cleanup");
        // An upload or rollback stays in force through a folder read of unchanged files: roll back to the starter rules.
        String starterVersion = RuleSetFiles.read(starter).version();
        if (!active.get().version().equals(starterVersion)) {
            reload.rollback(starterVersion, "test cleanup");
        }
        RuleSetsInForce.awaitEveryNodeRuns(nodes, starterVersion);
    }

    Path rules() {
        return properties.rulesPath();
    }

    /** The files of the rule set in force, to change one and upload the rest as they are. */
    Map<String, String> activeFiles() {
        return ruleSets.files(active.get().version()).orElseThrow();
    }

    int activeRows() {
        return jdbc.sql("SELECT count(*) FROM rule_set WHERE status = 'ACTIVE'").query(Integer.class).single();
    }

    RuleSetVersion stored(String version) {
        return ruleSets.find(version).orElseThrow();
    }

    static Path copy(Path from) {
        try {
            // Inside the build folder, so a clean build removes it.
            Path to = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "hot-reload-rules-");
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path p : paths.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stands in for the scenario tests: refuses a candidate whose DRL asks it to. */
    static class RefusingGate implements RuleSetGate {
        @Override
        public List<RuleProblem> check(RuleSet candidate) {
            return candidate.files().files().stream()
                    .filter(f -> f.isDrl() && f.content().contains(REFUSED_BY_GATE))
                    .map(f -> new RuleProblem(f.path(), 1, 0, "the gate refuses this file"))
                    .toList();
        }
    }
}
