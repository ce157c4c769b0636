package dev.tenure.connectors.vendors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What every vendor event must come to, whatever it holds: read as a record, ignored with a short reason, or
 * refused naming the record and field, each in a few words; never any other failure.
 */
public final class VendorEventChecks {

    /** Longer than any label, reason or message a person should read in a problem list. */
    public static final int MOST = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private VendorEventChecks() {
    }

    /** The JSON of a generated body, or null when it is not JSON (the route refuses those before reading). */
    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Reads {@code envelope} with {@code read}, maps what it gives as {@code kind}, and checks the outcome. */
    public static void readIgnoredOrRefused(JsonNode envelope, Function<JsonNode, VendorEvent> read, RecordKind kind,
                                            String source) {
        RecordMapper mapper = new RecordMapper();
        Throwable thrown = catchThrowable(() -> {
            VendorEvent event = read.apply(envelope);
            assertThat(event.label()).hasSizeLessThan(MOST);
            if (event.ignored()) {
                assertThat(event.ignoredBecause()).hasSizeLessThan(MOST);
            } else {
                Mapping mapping = mapper.map(kind, event.label(), event.record(), source);
                mapping.errors().forEach(VendorEventChecks::named);
            }
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(RejectedRecordsException.class);
            ((RejectedRecordsException) thrown).errors().forEach(VendorEventChecks::named);
        }
    }

    private static void named(RecordError error) {
        assertThat(error.record()).isNotBlank().hasSizeLessThan(MOST);
        assertThat(error.field()).isNotBlank();
        assertThat(error.message()).isNotBlank().hasSizeLessThan(MOST);
    }
}
