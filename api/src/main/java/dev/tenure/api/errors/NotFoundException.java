package dev.tenure.api.errors;

/** The thing asked for does not exist: HTTP 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " does not exist");
    }
}
