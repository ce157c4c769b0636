package dev.tenure.engine.rules;

/** No rule set version with this hash was ever stored. */
public class RuleSetVersionNotFoundException extends RuntimeException {

    public RuleSetVersionNotFoundException(String version) {
        super("rule set version " + version + " does not exist");
    }
}
