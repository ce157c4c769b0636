package dev.tenure.api.metrics;

/** A request parameter that does not read, named so the caller knows which one to fix. */
class BadParameterException extends IllegalArgumentException {

    private final String parameter;

    BadParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
