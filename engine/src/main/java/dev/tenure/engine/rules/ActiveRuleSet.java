package dev.tenure.engine.rules;

import dev.tenure.engine.EngineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule set in force. It is loaded from the rules folder at start; a rule set that does not compile
 * stops the start with each problem's file, line and message.
 */
@Component
public class ActiveRuleSet {

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleSet.class);

    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final RuleSets store;

    public ActiveRuleSet(EngineProperties properties, RuleSets store) {
        this.store = store;
        RuleSetFiles files = RuleSetFiles.read(properties.rulesPath());
        activate(compiler.compile(files));
    }

    public RuleSet get() {
        return current.get();
    }

    /** Swaps in a compiled rule set; it is stored first, so play runs can always name their version. */
    public void activate(RuleSet ruleSet) {
        store.save(ruleSet);
        ruleSet.warmUp();
        current.set(ruleSet);
        log.info("Rule set {} active: {} rules, {} plays", ruleSet.version(), ruleSet.ruleNames().size(),
                ruleSet.plays().size());
    }
}
