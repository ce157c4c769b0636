package dev.tenure.engine.rules;

/** A file of the rule set: its path relative to the rules folder (with '/') and its text. */
public record RuleFile(String path, String content) {

    boolean isDrl() { return path.endsWith(".drl") && !path.startsWith("tests/"); }

    boolean isPlay() { return path.startsWith("plays/") && (path.endsWith(".yml") || path.endsWith(".yaml")); }

    boolean isTemplate() { return path.startsWith("templates/") && path.endsWith(".html"); }

    /** A CSV decision table: rows of thresholds that compile into rules (see rules/README.md). */
    public boolean isDecisionTable() { return path.endsWith(".csv") && !path.startsWith("tests/"); }

    /** A scenario test file: given accounts and signals, expect these plays (see rules/README.md). */
    public boolean isScenario() { return path.startsWith("tests/") && (path.endsWith(".yml") || path.endsWith(".yaml")); }

    /** The health model, {@code health.yml} at the top of the rules folder (see rules/README.md). */
    boolean isHealthModel() { return path.equals(dev.tenure.engine.health.HealthModel.FILE); }

    /** How long point-in-time facts count, {@code facts.yml} at the top of the rules folder (see rules/README.md). */
    boolean isFactSettings() { return path.equals(dev.tenure.engine.facts.FactSettings.FILE); }

    /** The file name without folder and extension: a play's or template's id. */
    String baseName() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.substring(0, name.lastIndexOf('.'));
    }
}
