package dev.tenure.api.pages;

/** A page was asked for without a signed-in user. */
public class NotSignedInException extends RuntimeException {
    public NotSignedInException() {
        super("not signed in");
    }
}
