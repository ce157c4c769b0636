package dev.tenure.connectors.segment;

import dev.tenure.connectors.deadletters.DeadLetterRecorder;
import dev.tenure.connectors.deadletters.DeadLetterRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Segment requests: the body is the raw JSON, header {@value #TYPE} the call type from the path
 * ({@code track}, {@code batch}, ...) or none. A refused request is one dead letter (source
 * {@code segment}), and its {@code RejectedRecordsException} still reaches the caller.
 */
@Component
class SegmentRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:segment";
    static final String ROUTE_ID = "segment";
    static final String TYPE = "tenure.segmentType";
    /** Dead letters are filed under this and the call type from the path, or {@link #NO_TYPE}. */
    static final String ORIGIN = "segment/";
    static final String NO_TYPE = "call";

    private final SegmentIntake intake;

    SegmentRoute(SegmentIntake intake) {
        this.intake = intake;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId(ROUTE_ID)
                .routeConfigurationId(DeadLetterRoutes.REFUSED_TO_DEAD_LETTERS)
                .process(this::receive);
    }

    private void receive(Exchange exchange) {
        String type = exchange.getMessage().getHeader(TYPE, String.class);
        exchange.setProperty(DeadLetterRecorder.SOURCE, SegmentIntake.SOURCE);
        exchange.setProperty(DeadLetterRecorder.ORIGIN, ORIGIN + (type == null ? NO_TYPE : type));
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().setBody(intake.receive(type, body));
    }
}
