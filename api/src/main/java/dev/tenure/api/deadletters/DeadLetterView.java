package dev.tenure.api.deadletters;

import dev.tenure.engine.deadletters.DeadLetter;

import java.time.Instant;

/** A refused record: its source and origin, its line, the record, why, when; when it was replayed; its request. */
record DeadLetterView(Long id, String source, String origin, Integer line, String record, String reason, Instant createdAt,
                      Instant replayedAt, Long requestId) {

    static DeadLetterView of(DeadLetter d) {
        return new DeadLetterView(d.id(), d.source(), d.origin(), d.line(), d.record(), d.reason(), d.createdAt(), d.replayedAt(),
                d.requestId());
    }
}
