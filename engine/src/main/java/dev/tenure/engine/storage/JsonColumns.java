package dev.tenure.engine.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** A value as the plain maps templates read ({@code ${account.name}}). */
    public Map<String, Object> asMap(Object value) {
        return json.convertValue(value, MAP);
    }
}
