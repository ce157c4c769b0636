package dev.tenure.connectors.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.testing.PoisonCalls;
import dev.tenure.engine.testing.PoisonRecords;
import dev.tenure.engine.testing.PoisonRecords.Record;
import dev.tenure.engine.testing.TestClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Any request a Segment library or an attacker can send: it is read into calls and calls refused alone, or
 * refused whole, never failing otherwise; every refusal names its call and field in a few words.
 */
class SegmentCallsProperties {

    private static final int MOST_MESSAGE = 500;
    private static final int MOST_LABEL = 500;

    private final SegmentCalls reader = new SegmentCalls(new ObjectMapper(), TestClock.now());

    /**
     * The body as sent, the call type of the path it is sent to (null: each call names its own), and how many
     * calls a batch has (-1 for a body that is not one to count).
     */
    record Request(String pathType, String body, int calls, String spoiled) {
        @Override
        public String toString() {
            return (pathType == null ? "" : "/v1/" + pathType + " ") + PoisonRecords.shown(body) + ": " + spoiled;
        }
    }

    @Property(tries = 250)
    void a_request_is_read_or_refused_naming_its_calls_and_fields(@ForAll("requests") Request request) {
        Throwable thrown = catchThrowable(() -> {
            SegmentCalls.Read read = reader.read(request.pathType(), request.body());
            if (read.batch() && request.calls() >= 0) {
                assertThat(read.calls().size() + read.refused().size()).as("each call read or refused").isEqualTo(request.calls());
            }
            read.calls().forEach(call -> assertThat(call.label()).hasSizeLessThan(MOST_LABEL));
            read.refused().forEach(refused -> refused.errors().forEach(SegmentCallsProperties::namesCallAndField));
        });

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(RejectedRecordsException.class);
            ((RejectedRecordsException) thrown).errors().forEach(SegmentCallsProperties::namesCallAndField);
        }
    }

    private static void namesCallAndField(RecordError error) {
        assertThat(error.record()).isNotBlank().hasSizeLessThan(MOST_LABEL);
        assertThat(error.field()).isNotBlank();
        assertThat(error.message()).isNotBlank().hasSizeLessThan(MOST_MESSAGE);
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Record> call = Arbitraries.of(PoisonCalls.SEGMENT).flatMap(kind -> Arbitraries.integers().between(0, 9)
                .flatMap(n -> Arbitraries.oneOf(Arbitraries.just(PoisonCalls.valid(kind, "prop", n, "acme")),
                        PoisonRecords.mutations(kind).map(m -> PoisonRecords.spoil(PoisonCalls.valid(kind, "prop", n, "acme"), m)))));
        Arbitrary<Request> single = call.flatMap(c -> Arbitraries.of("track", "identify", "group", "page", "batch", "TRACK", "x")
                .injectNull(0.6).map(type -> new Request(type, c.json(), 1, String.valueOf(c.spoiled()))));
        Arbitrary<Request> batch = call.list().ofMinSize(0).ofMaxSize(6).map(calls -> new Request(null,
                calls.stream().map(Record::json).collect(Collectors.joining(", ", "{\"batch\": [", "]}")), calls.size(),
                calls.stream().map(c -> String.valueOf(c.spoiled())).collect(Collectors.joining(" | "))));
        Arbitrary<Request> broken = Arbitraries.of("", " ", "[]", "null", "{\"batch\": {}}", "{\"batch\": null}", "{\"batch\": [1, \"x\", null]}",
                "{\"type\": \"track\"", "{} {}", "{\"batch\": " + "[".repeat(1_001) + "]".repeat(1_001) + "}")
                .map(body -> new Request(null, body, -1, "broken"));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, single), net.jqwik.api.Tuple.of(4, batch),
                net.jqwik.api.Tuple.of(1, broken));
    }
}
