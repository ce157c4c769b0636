package dev.tenure.connectors.deadletters;

import dev.tenure.engine.intake.RejectedRecordsException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling the source routes opt into by id, so every source keeps what it could not take in
 * the same dead-letter store, with its original message and the reason.
 */
@Component
public class DeadLetterRoutes extends RouteConfigurationBuilder {

    /**
     * For routes nobody waits on (file polling): a failure is logged, stored as a dead letter and
     * handled, and the exchange is marked {@link DeadLetterRecorder#DEAD_LETTERED} so the route can
     * tell a handled failure from a success (the file consumer would otherwise commit it as done).
     */
    public static final String DEAD_LETTER_CHANNEL = "dead-letter-channel";

    /**
     * For routes a caller waits on (webhooks): refused records are logged and stored as one dead
     * letter, and the exception still reaches the caller, who must answer the sender.
     */
    public static final String REFUSED_TO_DEAD_LETTERS = "refused-to-dead-letters";

    static final String ENDPOINT = "direct:dead-letter";

    private final DeadLetterRecorder recorder;

    public DeadLetterRoutes(DeadLetterRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void configuration() {
        routeConfiguration(DEAD_LETTER_CHANNEL)
                .errorHandler(deadLetterChannel(ENDPOINT)
                        .useOriginalMessage()
                        // Camel's dead letter channel is silent about what it handled unless told otherwise.
                        .logHandled(true)
                        .logExhausted(true)
                        .logStackTrace(true)
                        .logExhaustedMessageHistory(false)
                        .loggingLevel(LoggingLevel.ERROR)
                        .onPrepareFailure(exchange -> exchange.setProperty(DeadLetterRecorder.DEAD_LETTERED, true)));

        routeConfiguration(REFUSED_TO_DEAD_LETTERS)
                .onException(RejectedRecordsException.class)
                .handled(false)
                .useOriginalMessage()
                // A refusal is the sender's mistake, answered to the sender: one warning is enough, not
                // Camel's error with stack trace and message history.
                .logExhausted(false)
                .log(LoggingLevel.WARN, "Refused ${exchangeProperty." + DeadLetterRecorder.ORIGIN
                        + "}: ${exception.message}")
                .process(recorder);
    }
}
