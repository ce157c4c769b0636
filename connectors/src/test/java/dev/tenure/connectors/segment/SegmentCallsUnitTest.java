package dev.tenure.connectors.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SegmentCallsUnitTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final SegmentCalls calls = new SegmentCalls(new ObjectMapper(), NOW);

    @Test
    void aTrackCallTakesItsGroupFromTheContextAndItsQuantityFromTheProperties() {
        List<SegmentCall> read = calls.read(null, """
                {"type": "track", "messageId": "m-1", "userId": "u-1", "event": "Report Exported",
                 "timestamp": "2026-11-20T09:30:00.000+01:00", "context": {"groupId": "acme"}, "properties": {"quantity": 4}}""").calls();

        assertThat(read).singleElement().satisfies(call -> {
            assertThat(call.type()).isEqualTo(SegmentCall.Type.TRACK);
            assertThat(call.groupId()).isEqualTo("acme");
            assertThat(call.quantity()).isEqualTo(4);
            assertThat(call.timestamp()).isEqualTo(Instant.parse("2026-11-20T08:30:00Z"));
            assertThat(call.label()).isEqualTo("segment.call (message m-1)");
        });
    }

    @Test
    void theTypeComesFromThePathWhenTheCallNamesNoneAndATimelessCallHappensNow() {
        List<SegmentCall> read = calls.read("identify", """
                {"messageId": "m-2", "userId": "u-1", "traits": {"email": "dana@acme.example", "name": "Dana"}}""").calls();

        assertThat(read).singleElement().satisfies(call -> {
            assertThat(call.type()).isEqualTo(SegmentCall.Type.IDENTIFY);
            assertThat(call.email()).isEqualTo("dana@acme.example");
            assertThat(call.timestamp()).isEqualTo(NOW);
        });
    }

    @Test
    void aBatchIsReadInOrderAndEachBadCallIsRefusedAloneNamingEveryProblem() {
        assertThat(calls.read("batch", """
                {"batch": [{"type": "group", "userId": "u-1", "groupId": "acme"}, {"type": "page", "userId": "u-1"}]}""").calls())
                .extracting(SegmentCall::type).containsExactly(SegmentCall.Type.GROUP, SegmentCall.Type.PAGE);

        SegmentCalls.Read read = calls.read(null, """
                {"batch": [{"type": "group", "userId": "u-1"},
                           {"type": "track", "messageId": "m-3", "event": "E", "timestamp": "yesterday"},
                           {"type": "shout"},
                           {"type": "track", "messageId": "m-4", "event": "E", "properties": {"quantity": 1e30}},
                           {"type": "identify", "userId": "u-1", "traits": {"email": "dana@acme.example"}}]}""");

        assertThat(read.calls()).extracting(SegmentCall::type).containsExactly(SegmentCall.Type.IDENTIFY);
        assertThat(read.refused()).flatExtracting(SegmentCalls.RefusedCall::errors)
                .extracting(RecordError::record, RecordError::field)
                .containsExactly(
                        tuple("segment.batch[0]", "groupId"),
                        tuple("segment.batch[1] (message m-3)", "timestamp"),
                        tuple("segment.batch[2]", "type"),
                        tuple("segment.batch[3] (message m-4)", "properties.quantity"));
        assertThat(read.refused().get(1).json()).contains("\"messageId\":\"m-3\"");
    }

    @Test
    void aCallOfABatchGivingAFieldTwiceIsRefusedAloneAndTheBatchTwiceIsRefusedWhole() {
        SegmentCalls.Read read = calls.read(null, """
                {"batch": [{"type": "group", "userId": "u-1", "groupId": "acme"},
                           {"type": "group", "userId": "u-2", "groupId": "acme", "groupId": "globex"},
                           {"type": "page", "userId": "u-1"}]}""");

        assertThat(read.calls()).extracting(SegmentCall::type).containsExactly(SegmentCall.Type.GROUP, SegmentCall.Type.PAGE);
        assertThat(read.refused()).singleElement().satisfies(call -> {
            assertThat(call.label()).isEqualTo("segment.batch[1]");
            assertThat(call.json()).isEqualTo("{\"type\": \"group\", \"userId\": \"u-2\", \"groupId\": \"acme\", \"groupId\": \"globex\"}");
            assertThat(call.errors()).extracting(RecordError::field, RecordError::message)
                    .containsExactly(tuple("json", "Duplicate field 'groupId'"));
        });
        assertThatThrownBy(() -> calls.read(null, """
                {"batch": [{"type": "page", "userId": "u-1"}], "batch": []}"""))
                .isInstanceOf(RejectedRecordsException.class).hasMessageContaining("Duplicate field 'batch'");
        // Beside a call that gives a field twice too: the batch's own field twice still refuses it whole.
        assertThatThrownBy(() -> calls.read(null, """
                {"batch": [{"type": "group", "userId": "u-1", "groupId": "acme", "groupId": "x"}, {"type": "page", "userId": "lost"}],
                 "batch": [{"type": "group", "userId": "u-2", "groupId": "globex"}]}"""))
                .isInstanceOf(RejectedRecordsException.class).hasMessageContaining("Duplicate field 'batch'");
        assertThatThrownBy(() -> calls.read(null, """
                {"writeKey": "k1", "batch": [{"type": "page", "userId": "u-1", "userId": "u-2"}], "writeKey": "k2"}"""))
                .isInstanceOf(RejectedRecordsException.class).hasMessageContaining("Duplicate field 'writeKey'");
    }

    @Test
    void aSingleBadCallRefusesItsRequestAndAValueOutOfBoundsIsNamed() {
        assertThatThrownBy(() -> calls.read("track", """
                {"messageId": "%s", "event": "E", "timestamp": "+102026-01-01T00:00:00Z"}""".formatted("m".repeat(300))))
                .isInstanceOfSatisfying(RejectedRecordsException.class, e -> assertThat(e.errors())
                        .extracting(RecordError::field).containsExactly("timestamp", "messageId"));
    }
}
