package dev.tenure.engine.rules;

import dev.tenure.engine.EngineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule set this node runs. The database holds the version in force for every node (the ACTIVE row);
 * at start this node takes that version, unless its rules folder changed since the folder was last read
 * (by any node): then the folder is vetted and becomes the version in force, and a folder that does not
 * compile, validate or pass its gates stops the start with each problem's file, line and message. So a
 * restart keeps an upload or a rollback in force. Later changes go through {@link RuleSetReload}, which
 * swaps in a new rule set as a whole, made on this node or followed from another.
 *
 * <p>Why a swap loses no signal: an evaluation takes the rule set once, at its start, and uses that
 * one to the end; and it reads the account's facts from PostgreSQL every time rather than from a
 * long-lived session. A signal stored before the swap is therefore seen by the new rules at the next
 * evaluation of its account, and one evaluated during the swap is judged whole by the old or the new
 * rule set, never a mix.
 */
@Component
public class ActiveRuleSet {

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleSet.class);
    static final String AT_START = "start";

    private final AtomicReference<Running> current = new AtomicReference<>();
    private final Clock clock;

    ActiveRuleSet(EngineProperties properties, RuleSetVetting vetting, RuleSets store, Clock clock) {
        this.clock = clock;
        RuleSetFiles folder = RuleSetFiles.read(properties.rulesPath());
        Optional<String> inForce = store.inForce();
        if (inForce.isEmpty() || !store.folderUnchanged(folder)) {
            startFromFolder(folder, inForce, vetting, store);
        } else {
            startInForce(inForce.get(), vetting, store);
        }
    }

    /** The folder is new or changed since it was last read: it becomes the version in force, if it passes. */
    private void startFromFolder(RuleSetFiles folder, Optional<String> inForce, RuleSetVetting vetting, RuleSets store) {
        RuleSetVetting.Vetted vetted = vetting.vet(folder);
        if (!vetted.passed()) {
            store.reject(folder, vetted.ruleNames(), vetted.problems(), RuleSetOrigin.FOLDER, AT_START);
            throw new InvalidRuleSetException(vetted.problems());
        }
        vetted.ruleSet().warmUp();
        if (inForce.equals(Optional.of(folder.version()))) {
            store.unchanged(folder.version(), RuleSetOrigin.FOLDER, AT_START);
        } else {
            store.activate(vetted.ruleSet(), RuleSetOrigin.FOLDER, AT_START);
        }
        swap(vetted.ruleSet());
    }

    /**
     * The folder is as it was last read: the version in force stays, whoever made it so. It passed its
     * gates when it was made active, so it is compiled and validated only.
     */
    private void startInForce(String version, RuleSetVetting vetting, RuleSets store) {
        RuleSetFiles files = store.ruleSetFiles(version).orElseThrow();
        RuleSetVetting.Vetted compiled = vetting.compile(files);
        if (!compiled.passed()) {
            throw new InvalidRuleSetException("Rule set " + version + ", in force in the database,", compiled.problems());
        }
        compiled.ruleSet().warmUp();
        swap(compiled.ruleSet());
    }

    public RuleSet get() {
        return current.get().ruleSet();
    }

    /** The rule set this node runs, and since when. */
    Running running() {
        return current.get();
    }

    /** Puts a rule set in force; it must already be stored, so play runs can always name their version. */
    void swap(RuleSet ruleSet) {
        current.set(new Running(ruleSet, clock.instant()));
        log.info("Rule set {} active: {} rules, {} plays", ruleSet.version(), ruleSet.ruleNames().size(),
                ruleSet.plays().size());
    }

    /** A rule set this node runs, since the moment it swapped it in. */
    record Running(RuleSet ruleSet, Instant since) {

        String version() {
            return ruleSet.version();
        }
    }
}
