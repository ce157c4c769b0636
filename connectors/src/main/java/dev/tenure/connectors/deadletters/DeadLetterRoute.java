package dev.tenure.connectors.deadletters;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The end of the dead letter channel: whatever reaches it is stored through the engine's store. */
@Component
class DeadLetterRoute extends RouteBuilder {

    static final String ROUTE_ID = "dead-letter";

    private final DeadLetterRecorder recorder;

    DeadLetterRoute(DeadLetterRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void configure() {
        from(DeadLetterRoutes.ENDPOINT).routeId(ROUTE_ID).process(recorder);
    }
}
