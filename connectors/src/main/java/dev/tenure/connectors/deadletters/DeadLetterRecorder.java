package dev.tenure.connectors.deadletters;

import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFile;
import org.springframework.stereotype.Component;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stores a failed exchange as one dead letter: the source and origin its route put on the exchange, the
 * original message, and the exception's message as the reason.
 */
@Component
public class DeadLetterRecorder implements Processor {

    /** Exchange property: the source a dead letter is filed under ("webhook", "file"). */
    public static final String SOURCE = "tenureDeadLetterSource";
    /** Exchange property: where the message came from ("webhook/usage", a file name). */
    public static final String ORIGIN = "tenureDeadLetterOrigin";
    /** Exchange property set once a failure was handed to the dead letter channel. */
    public static final String DEAD_LETTERED = "tenureDeadLettered";

    private final DeadLetters deadLetters;

    public DeadLetterRecorder(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void process(Exchange exchange) {
        String source = exchange.getProperty(SOURCE, exchange.getFromRouteId(), String.class);
        String origin = exchange.getProperty(ORIGIN, source, String.class);
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String record = describe(exchange.getMessage().getBody());
        deadLetters.record(List.of(DeadLetter.of(source, origin, null, record, reason(failure))));
    }

    static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /**
     * The original message as text. A file is named rather than copied: it may be large, it is kept
     * whole in the error folder, and its bad lines are dead letters of their own.
     */
    static String describe(Object body) {
        if (body == null) {
            return "";
        }
        if (body instanceof GenericFile<?> file) {
            return "file " + file.getAbsoluteFilePath() + " (" + file.getFileLength() + " bytes)";
        }
        // A file moved out of the inbox before it is read (the file drop's .reading/) comes as the file it now is.
        if (body instanceof File file) {
            return "file " + file.getAbsolutePath() + " (" + file.length() + " bytes)";
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body.toString();
    }
}
