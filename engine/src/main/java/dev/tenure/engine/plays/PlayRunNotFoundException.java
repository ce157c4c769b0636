package dev.tenure.engine.plays;

/** No play run has this id. */
public class PlayRunNotFoundException extends RuntimeException {

    public PlayRunNotFoundException(long runId) {
        super("play run " + runId + " not found");
    }
}
