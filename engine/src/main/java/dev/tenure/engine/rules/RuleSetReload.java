package dev.tenure.engine.rules;

import dev.tenure.engine.EngineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Changes the rule set in force without a restart: from the rules folder (the file watcher), from an
 * upload, or back to a stored version. A candidate is built beside the running rule set (its own
 * KieContainer), vetted, stored, and only then swapped in; on any problem the running rules stay
 * untouched, the candidate is stored as REJECTED with its problems, and a warning names each
 * file:line:column. Changes are made one at a time.
 */
@Service
public class RuleSetReload {

    /** Who changed the rule set when the file watcher saw the folder change. */
    public static final String FILE_WATCHER = "file watcher";

    private static final Logger log = LoggerFactory.getLogger(RuleSetReload.class);

    private final ActiveRuleSet active;
    private final RuleSetVetting vetting;
    private final RuleSets store;
    private final Path folder;
    // Fair, so an upload waiting behind a burst of folder reloads gets its turn in order.
    private final ReentrantLock changes = new ReentrantLock(true);

    RuleSetReload(ActiveRuleSet active, RuleSetVetting vetting, RuleSets store, EngineProperties properties) {
        this.active = active;
        this.vetting = vetting;
        this.store = store;
        this.folder = properties.rulesPath();
    }

    /**
     * Reads the rules folder again and makes it the rule set in force if it passes. Reading the same
     * files as the running version changes and records nothing (editors touch files without changing them).
     *
     * @throws UncheckedIOException if the folder could not be read (e.g. a file vanished mid-read)
     */
    public RuleSetChange fromFolder(String who) {
        changes.lock();
        try {
            RuleSetFiles files;
            try {
                files = RuleSetFiles.read(folder);
            } catch (InvalidRuleSetException e) {
                // The folder itself is gone: there is nothing to store, only to report.
                warn("the rules folder " + folder, who, e.problems());
                return new RuleSetChange(null, RuleSetChange.Outcome.REJECTED, active.get().version(), e.problems());
            }
            String running = active.get().version();
            if (files.version().equals(running)) {
                return new RuleSetChange(running, RuleSetChange.Outcome.UNCHANGED, running, List.of());
            }
            return change(files, RuleSetOrigin.FOLDER, who);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Makes an uploaded rule set (paths relative to the rules folder, and their texts) the one in force
     * if it passes. The same content as a stored version is that version: no second row is made.
     *
     * @throws IllegalArgumentException if the upload is not a rule set (no files, bad paths); nothing is stored
     */
    public RuleSetChange upload(Map<String, String> files, String who) {
        RuleSetFiles candidate = RuleSetUpload.files(files);
        changes.lock();
        try {
            return change(candidate, RuleSetOrigin.UPLOAD, who);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Makes a stored version the one in force again, compiled and vetted anew from its stored files.
     *
     * @throws RuleSetVersionNotFoundException if no such version was ever stored
     */
    public RuleSetChange rollback(String version, String who) {
        changes.lock();
        try {
            Map<String, String> stored = store.files(version).orElseThrow(() -> new RuleSetVersionNotFoundException(version));
            List<RuleFile> files = stored.entrySet().stream().map(e -> new RuleFile(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparing(RuleFile::path)).toList();
            // Keep the stored version as it is named, so the rollback finds its own row and its play runs.
            return change(new RuleSetFiles(version, files), RuleSetOrigin.ROLLBACK, who);
        } finally {
            changes.unlock();
        }
    }

    private RuleSetChange change(RuleSetFiles files, RuleSetOrigin origin, String who) {
        String previous = active.get().version();
        if (files.version().equals(previous)) {
            store.unchanged(previous, origin, who);
            log.info("Rule set {} ({} by {}) is the one already active", previous, origin.label(), who);
            return new RuleSetChange(previous, RuleSetChange.Outcome.UNCHANGED, previous, List.of());
        }
        RuleSetVetting.Vetted vetted = vetting.vet(files);
        if (!vetted.passed()) {
            store.reject(files, vetted.ruleNames(), vetted.problems(), origin, who);
            warn("rule set " + files.version(), who + ", " + origin.label(), vetted.problems());
            return new RuleSetChange(files.version(), RuleSetChange.Outcome.REJECTED, previous, vetted.problems());
        }
        RuleSet next = vetted.ruleSet();
        next.warmUp();
        store.activate(next, origin, who);
        active.swap(next);
        log.info("Rule set {} replaced {} ({} by {})", next.version(), previous, origin.label(), who);
        return new RuleSetChange(next.version(), RuleSetChange.Outcome.ACTIVATED, previous, List.of());
    }

    private void warn(String what, String who, List<RuleProblem> problems) {
        log.warn("Rejected {} ({}); rule set {} stays active. {} problem(s):\n{}", what, who, active.get().version(),
                problems.size(), problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    }
}
