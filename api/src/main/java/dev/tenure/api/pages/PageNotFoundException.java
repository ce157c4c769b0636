package dev.tenure.api.pages;

/** A page about something that does not exist. */
public class PageNotFoundException extends RuntimeException {
    public PageNotFoundException(String what) {
        super(what + " does not exist");
    }
}
