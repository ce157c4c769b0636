package dev.tenure.api.outcomes;

/** A query parameter that does not read: answered 400 with a problem naming it. */
class BadParameterException extends RuntimeException {

    private final String parameter;

    BadParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
