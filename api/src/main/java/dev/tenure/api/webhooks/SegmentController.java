package dev.tenure.api.webhooks;

import dev.tenure.connectors.segment.SegmentSource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Segment's HTTP tracking API: point a Segment library (or a Segment webhook destination) at
 * {@code <tenure>/api/webhooks/segment}; its own paths {@code /v1/track}, {@code /v1/identify},
 * {@code /v1/group} and {@code /v1/batch} are served below it. Mapping and storing belong to the
 * connectors' Segment route.
 */
@Tag(name = "Segment", description = "Segment's HTTP tracking API (track, identify, group, batch), authenticated by the write key.")
@RestController
@RequestMapping("/api/webhooks/segment")
class SegmentController {

    private final SegmentSource segment;
    private final SegmentWriteKey writeKey;

    SegmentController(SegmentSource segment, SegmentWriteKey writeKey) {
        this.segment = segment;
        this.writeKey = writeKey;
    }

    // Segment's libraries send text/plain or application/json alike: the body is read as JSON either way. An empty
    // body is the route's to refuse (naming the body, as a dead letter), not Spring's.
    @Operation(summary = "Receive a Segment call (type in the body)")
    @PostMapping
    Receipts.SegmentReceipt receive(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                          @RequestBody(required = false) String body) {
        writeKey.check(authorization);
        return Receipts.SegmentReceipt.of(segment.receive(null, body));
    }

    @Operation(summary = "Receive a Segment call of one type")
    @PostMapping("/v1/{type}")
    Receipts.SegmentReceipt receive(@PathVariable String type,
                          @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                          @RequestBody(required = false) String body) {
        writeKey.check(authorization);
        return Receipts.SegmentReceipt.of(segment.receive(type, body));
    }

    @ExceptionHandler(SourceSecrets.SourceNotAuthenticatedException.class)
    ProblemDetail notFromSegment(SourceSecrets.SourceNotAuthenticatedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Not from the source");
        return problem;
    }
}
