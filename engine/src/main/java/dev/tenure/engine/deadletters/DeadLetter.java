package dev.tenure.engine.deadletters;

import java.time.Instant;

/**
 * A refused record: the source that received it, where it came from (a file name, "webhook"), its line
 * in a file (null otherwise), the original text, why it was refused, when a replay of it went
 * through (null until then), and the request it was refused in (shared by every record that request refused).
 */
public record DeadLetter(Long id, String source, String origin, Integer line, String record, String reason,
                         Instant createdAt, Instant replayedAt, Long requestId) {

    public static DeadLetter of(String source, String origin, Integer line, String record, String reason) {
        return new DeadLetter(null, source, origin, line, record, reason, null, null, null);
    }
}
