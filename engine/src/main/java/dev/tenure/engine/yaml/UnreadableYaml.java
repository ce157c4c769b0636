package dev.tenure.engine.yaml;

/** A YAML text that cannot be read: why, and the line it failed at (1-based; 0 when not known). */
public final class UnreadableYaml extends Exception {

    private final int line;

    UnreadableYaml(int line, String reason, Throwable cause) {
        super(reason, cause);
        this.line = line;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return getMessage();
    }
}
