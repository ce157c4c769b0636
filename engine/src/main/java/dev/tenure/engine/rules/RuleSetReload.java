package dev.tenure.engine.rules;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.bounds.RecordBounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Changes the rule set in force without a restart: from the rules folder (the file watcher), from an
 * upload, or back to a stored version; and makes this node follow a change another node made. A
 * candidate is built beside the running rule set (its own KieContainer), vetted, stored as the version in
 * force for every node, and only then swapped in; on any problem the running rules stay untouched, the
 * candidate is stored as REJECTED with its problems, and a warning names each file:line:column. Changes
 * on this node are made one at a time; the database decides between nodes (the last one stored is in
 * force, and every node follows it).
 */
@Service
public class RuleSetReload {

    /** Who changed the rule set when the file watcher saw the folder change. */
    public static final String FILE_WATCHER = "file watcher";

    private static final Logger log = LoggerFactory.getLogger(RuleSetReload.class);

    private final ActiveRuleSet active;
    private final RuleSetVetting vetting;
    private final RuleSets store;
    private final ThisNode node;
    private final Path folder;
    // Fair, so an upload waiting behind a burst of folder reloads gets its turn in order.
    private final ReentrantLock changes = new ReentrantLock(true);
    /** The version in force this node could not compile, and why: its error is logged once, not at every poll. */
    private NotFollowed notFollowed;

    RuleSetReload(ActiveRuleSet active, RuleSetVetting vetting, RuleSets store, ThisNode node, EngineProperties properties) {
        this.active = active;
        this.vetting = vetting;
        this.store = store;
        this.node = node;
        this.folder = properties.rulesPath();
    }

    /**
     * Reads the rules folder again and makes it the rule set in force if it passes. A folder is a change
     * only when it differs from the version the folder last brought in (on any node): reading the same
     * files again changes and records nothing (editors touch files without changing them), and an upload
     * or rollback made since stays in force.
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
                // The folder itself is gone, or a file of it is too long to read: there is nothing to store, only to report.
                warn("the rules folder " + folder, who, e.problems());
                return new RuleSetChange(null, RuleSetChange.Outcome.REJECTED, active.get().version(), e.problems());
            }
            if (store.folderUnchanged(files)) {
                String inForce = store.inForce().orElse(active.get().version());
                return new RuleSetChange(inForce, RuleSetChange.Outcome.UNCHANGED, inForce, List.of());
            }
            return change(files, RuleSetOrigin.FOLDER, who, null);
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
        return upload(files, null, who);
    }

    /**
     * As {@link #upload(Map, String)}, for files made from the version {@code replaces} (null: from whatever is
     * in force): when another version has come into force since, on any node, nothing is stored, as the upload
     * would undo that change without anyone seeing it. The same files as the version in force are that version
     * either way.
     *
     * @throws RuleSetConflictException if {@code replaces} is not the version in force
     * @throws IllegalArgumentException   if {@code replaces} names no stored version
     */
    public RuleSetChange upload(Map<String, String> files, String replaces, String who) {
        RuleSetFiles candidate = RuleSetUpload.files(files);
        checkReplaces(replaces);
        changes.lock();
        try {
            return change(candidate, RuleSetOrigin.UPLOAD, who, replaces);
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
        return rollback(version, null, who);
    }

    /**
     * As {@link #rollback(String, String)}, asked while {@code replaces} was in force (null: whichever is): when
     * another version has come into force since, nothing changes, as for an upload.
     *
     * @throws RuleSetConflictException if {@code replaces} is not the version in force
     */
    public RuleSetChange rollback(String version, String replaces, String who) {
        checkReplaces(replaces);
        changes.lock();
        try {
            RuleSetFiles files = store.ruleSetFiles(version).orElseThrow(() -> new RuleSetVersionNotFoundException(version));
            return change(files, RuleSetOrigin.ROLLBACK, who, replaces);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Makes this node run the version in force (another node, or an earlier start, may have changed it),
     * then writes what this node runs to the list of nodes. The version was vetted when it was made active,
     * so it is compiled and validated here, not tested again. One that does not compile on this node (an
     * older or newer Tenure, or a compile that ran out of time on a busy node) leaves the running rules in
     * force and is shown as this node's problem; it is tried again at every poll, its error logged once.
     */
    void follow() {
        changes.lock();
        try {
            followLocked();
        } finally {
            changes.unlock();
        }
    }

    private void followLocked() {
        String running = active.get().version();
        String inForce = store.inForce().orElse(running);
        if (inForce.equals(running)) {
            notFollowed = null;
        } else {
            notFollowed = swapTo(inForce, running, notFollowed != null && notFollowed.version().equals(inForce));
        }
        node.report(notFollowed == null ? null : notFollowed.problem());
    }

    /** Compiles and swaps in a stored version; what kept it out, or null once it runs. */
    private NotFollowed swapTo(String version, String running, boolean told) {
        RuleSetFiles files = store.ruleSetFiles(version).orElseThrow();
        RuleSetVetting.Vetted compiled = vetting.compile(files);
        if (!compiled.passed()) {
            if (!told) {
                log.error("Rule set {} is in force, but does not compile on this node, which keeps running {}. {} problem(s):\n{}",
                        version, running, RuleProblem.count(compiled.problems()),
                        compiled.problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
            }
            return new NotFollowed(version, "rule set " + version + " does not compile here: " + compiled.problems().get(0)
                    + (RuleProblem.count(compiled.problems()) > 1 ? " (and " + (RuleProblem.count(compiled.problems()) - 1) + " more)" : ""));
        }
        compiled.ruleSet().warmUp();
        active.swap(compiled.ruleSet());
        log.info("Rule set {} replaced {} (made active by another node)", version, running);
        return null;
    }

    private RuleSetChange change(RuleSetFiles files, RuleSetOrigin origin, String who, String replaces) {
        // The database's version, not this node's: this node may not have followed a change made elsewhere yet.
        String previous = store.inForce().orElse(active.get().version());
        if (files.version().equals(previous)) {
            store.unchanged(previous, origin, who);
            followLocked();
            log.info("Rule set {} ({} by {}) is the one already active", previous, origin.label(), who);
            return new RuleSetChange(previous, RuleSetChange.Outcome.UNCHANGED, previous, List.of());
        }
        // Checked before the vetting, which takes seconds, and again where the version is stored, under the lock between nodes.
        store.requireInForce(replaces);
        RuleSetVetting.Vetted vetted = vetting.vet(files);
        if (!vetted.passed()) {
            store.reject(files, vetted.ruleNames(), vetted.problems(), origin, who);
            warn("rule set " + files.version(), who + ", " + origin.label(), vetted.problems());
            return new RuleSetChange(files.version(), RuleSetChange.Outcome.REJECTED, previous, vetted.problems());
        }
        RuleSet next = vetted.ruleSet();
        next.warmUp();
        store.activate(next, origin, who, replaces);
        active.swap(next);
        notFollowed = null;
        node.report(null);
        log.info("Rule set {} replaced {} ({} by {})", next.version(), previous, origin.label(), who);
        return new RuleSetChange(next.version(), RuleSetChange.Outcome.ACTIVATED, previous, List.of());
    }

    /**
     * Refuses a {@code replaces} that names no stored version, naming the field: a version never stored cannot have
     * been in force, and a conflict answered for it would send its sender looking for a change nobody made.
     *
     * @throws IllegalArgumentException if {@code replaces} is given and is no stored version's
     */
    private void checkReplaces(String replaces) {
        if (replaces == null) {
            return;
        }
        RecordBounds.require("replaces", RecordBounds.idProblem(replaces));
        if (store.find(replaces).isEmpty()) {
            throw new IllegalArgumentException("replaces: no rule set '" + replaces + "' is stored; name the version in force"
                    + " the change was made from, or leave replaces out");
        }
    }

    private void warn(String what, String who, List<RuleProblem> problems) {
        log.warn("Rejected {} ({}); rule set {} stays active. {} problem(s):\n{}", what, who, active.get().version(),
                RuleProblem.count(problems), problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    }

    /** A version in force this node could not run, and what it says about it in the list of nodes. */
    private record NotFollowed(String version, String problem) {
    }
}
