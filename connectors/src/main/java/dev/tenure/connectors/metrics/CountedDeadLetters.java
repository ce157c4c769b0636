package dev.tenure.connectors.metrics;

import dev.tenure.connectors.metrics.SourceCounters.Outcome;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The dead-letter store as every route sees it (the primary {@link DeadLetters}), counting each refusal
 * as {@code rejected} for its source and kind. A refused webhook request is one dead letter, so it
 * counts once, however many records it held.
 */
@Primary
@Repository
class CountedDeadLetters extends DeadLetters {

    private final SourceCounters counters;

    CountedDeadLetters(JdbcClient jdbc, Clock clock, SourceCounters counters) {
        super(jdbc, clock);
        this.counters = counters;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(List<DeadLetter> letters) {
        super.record(letters);
        letters.forEach(letter -> counters.count(letter.source(), kindOf(letter.origin()), Outcome.REJECTED, 1));
    }

    /** The kind an origin names: {@code webhook/usage}, {@code usage-2026-11.csv}, {@code jdbc/usage-rollup}. */
    static String kindOf(String origin) {
        if (origin == null) {
            return null;
        }
        String[] segments = origin.split("[/\\\\]");
        Optional<RecordKind> kind = Arrays.stream(segments).map(RecordKind::named).flatMap(Optional::stream).findFirst();
        return kind.or(() -> RecordKind.prefixOf(segments[segments.length - 1])).map(RecordKind::label).orElse(null);
    }
}
