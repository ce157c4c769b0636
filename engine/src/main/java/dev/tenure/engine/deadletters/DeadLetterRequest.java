package dev.tenure.engine.deadletters;

import java.time.Instant;

/**
 * One request (a webhook call, a chunk of a file, a poll) that had records refused: when, from which
 * sources and origins, how many letters it left and how many of them a replay has since taken in.
 */
public record DeadLetterRequest(long id, Instant at, String sources, String origins, int letters, int replayed) {

    /** Letters of the request no replay has taken in yet. */
    public int waiting() {
        return letters - replayed;
    }

    /** How a page of requests can be ordered. */
    public enum Order {
        WHEN, SOURCE, LETTERS, WAITING
    }
}
