package dev.tenure.api.errors;

/** A query parameter that does not read: answered 400 with a problem naming it, so the caller knows which to fix. */
public class BadParameterException extends IllegalArgumentException {

    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
