package dev.tenure.connectors.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The counter {@value #NAME}, tagged {@code source} (webhook, file, jdbc, or the source a record names),
 * {@code kind} (accounts, contacts, usage, tickets, billing, nps, csat, or {@code unknown}) and {@code outcome}.
 * Every outcome also counts as {@code received}, so received is always their sum.
 */
@Component
public class SourceCounters {

    public static final String NAME = "tenure.source.records";

    /** What became of records: stored, already there, or refused into the dead letters. */
    public enum Outcome {
        ACCEPTED, DUPLICATE, REJECTED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry meters;

    public SourceCounters(ObjectProvider<MeterRegistry> meters) {
        // Without Actuator (a bare engine test) the counts are kept but not published.
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    public void count(String source, String kind, Outcome outcome, long records) {
        if (records <= 0) {
            return;
        }
        counter(source, kind, outcome.tag()).increment(records);
        counter(source, kind, "received").increment(records);
    }

    private Counter counter(String source, String kind, String outcome) {
        return Counter.builder(NAME)
                .description("Records from the sources, by what became of them")
                .baseUnit("records")
                .tag("source", source == null || source.isBlank() ? "unknown" : source)
                .tag("kind", kind == null || kind.isBlank() ? "unknown" : kind)
                .tag("outcome", outcome)
                .register(meters);
    }
}
