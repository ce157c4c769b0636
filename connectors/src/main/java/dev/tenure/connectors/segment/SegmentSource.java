package dev.tenure.connectors.segment;

import dev.tenure.connectors.deadletters.ReplayableSource;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.IntakeResult;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The Segment route as a plain method, for whoever serves the HTTP side, and the check of Segment's
 * write key. A refused request's dead letter goes through the route again as it came.
 */
@Component
public class SegmentSource implements ReplayableSource {

    private final ProducerTemplate producer;
    private final SegmentProperties properties;

    SegmentSource(ProducerTemplate producer, SegmentProperties properties) {
        this.producer = producer;
        this.properties = properties;
    }

    /**
     * @param type the call type from the path (track, identify, group, batch), or null when every call
     *             names its own
     * @param body one Segment call or {@code {"batch": [calls...]}}
     * @throws dev.tenure.engine.intake.RejectedRecordsException when a call is bad; nothing was stored
     */
    public SegmentResult receive(String type, String body) {
        try {
            return producer.requestBodyAndHeader(SegmentRoute.ENDPOINT, body, SegmentRoute.TYPE, type, SegmentResult.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public boolean handles(DeadLetter letter) {
        return SegmentIntake.SOURCE.equals(letter.source()) && letter.origin().startsWith(SegmentRoute.ORIGIN);
    }

    /**
     * With the call type its path gave ({@code segment/track}); {@code segment/call} came with none, so
     * each call names its own.
     */
    @Override
    public IntakeResult replay(DeadLetter letter) {
        String type = letter.origin().substring(SegmentRoute.ORIGIN.length());
        SegmentResult result = receive(SegmentRoute.NO_TYPE.equals(type) ? null : type, letter.record());
        return new IntakeResult(result.accepted(), result.duplicates(), result.accountsEvaluated(), result.playsStarted());
    }

    /** The configured write key, if any. */
    public Optional<String> writeKey() {
        return Optional.ofNullable(properties.writeKey()).filter(k -> !k.isBlank());
    }

    /** Whether {@code given} is the write key, compared in constant time. */
    public boolean isWriteKey(String given) {
        return given != null && writeKey().map(key -> MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))).orElse(false);
    }
}
