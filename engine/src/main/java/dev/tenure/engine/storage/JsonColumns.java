package dev.tenure.engine.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Values kept in {@code jsonb} columns: matched facts, step definitions, health components. What the
 * engine wrote itself always reads back, so a failure here is a bug, not bad input.
 */
@Component
public class JsonColumns {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** The one key of facts that did not read back. */
    public static final String UNREADABLE = "unreadable";
    private static final Logger log = LoggerFactory.getLogger(JsonColumns.class);

    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not a " + type.getSimpleName() + ": " + text, e);
        }
    }

    public <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON does not read back: " + text, e);
        }
    }

    public Map<String, Object> map(String text) {
        return read(text, MAP);
    }

    /**
     * Facts a rule matched, as stored with a run: shown, never acted on. A value that does not read back
     * (stored before values were bounded at intake: a number of a hundred thousand digits) must not take
     * the run, its steps or a whole list down with it, so it reads as a note saying so instead.
     */
    public Map<String, Object> facts(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return read(text, MAP);
        } catch (IllegalStateException e) {
            log.warn("Stored matched facts do not read back ({}); shown as unreadable", e.getCause() == null
                    ? e.getMessage() : e.getCause().getMessage());
            return Map.of(UNREADABLE, "the stored facts could not be read back");
        }
    }

    /** A value as the plain maps templates read ({@code ${account.name}}). */
    public Map<String, Object> asMap(Object value) {
        return json.convertValue(value, MAP);
    }
}
