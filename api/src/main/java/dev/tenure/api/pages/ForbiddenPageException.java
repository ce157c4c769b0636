package dev.tenure.api.pages;

/** The viewer is signed in but may not see this (another CSM's account or task, an ops page). */
public class ForbiddenPageException extends RuntimeException {
    public ForbiddenPageException(String message) {
        super(message);
    }
}
