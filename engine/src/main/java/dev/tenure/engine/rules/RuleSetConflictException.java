package dev.tenure.engine.rules;

/**
 * An upload made from one version while another came into force (a tuning that ran for an hour, an edit left
 * open in a browser): storing it would silently undo the change made in between, so nothing was stored.
 */
public class RuleSetConflictException extends RuntimeException {

    private final String replaces;
    private final String inForce;

    RuleSetConflictException(String replaces, String inForce, String message) {
        super(message);
        this.replaces = replaces;
        this.inForce = inForce;
    }

    /** The version the upload was made from. */
    public String replaces() {
        return replaces;
    }

    /** The version in force instead. */
    public String inForce() {
        return inForce;
    }
}
