package dev.tenure.engine.rules;

import dev.tenure.engine.EngineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule set in force. It is read from the rules folder at start; a rule set that does not compile,
 * validate or pass its gates stops the start with each problem's file, line and message. Later changes
 * go through {@link RuleSetReload}, which swaps in a new rule set as a whole.
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

    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    ActiveRuleSet(EngineProperties properties, RuleSetVetting vetting, RuleSets store) {
        RuleSetFiles files = RuleSetFiles.read(properties.rulesPath());
        RuleSetVetting.Vetted vetted = vetting.vet(files);
        if (!vetted.passed()) {
            store.reject(files, vetted.ruleNames(), vetted.problems(), RuleSetOrigin.FOLDER, AT_START);
            throw new InvalidRuleSetException(vetted.problems());
        }
        vetted.ruleSet().warmUp();
        store.activate(vetted.ruleSet(), RuleSetOrigin.FOLDER, AT_START);
        swap(vetted.ruleSet());
    }

    public RuleSet get() {
        return current.get();
    }

    /** Puts a rule set in force; it must already be stored, so play runs can always name their version. */
    void swap(RuleSet ruleSet) {
        current.set(ruleSet);
        log.info("Rule set {} active: {} rules, {} plays", ruleSet.version(), ruleSet.ruleNames().size(),
                ruleSet.plays().size());
    }
}
