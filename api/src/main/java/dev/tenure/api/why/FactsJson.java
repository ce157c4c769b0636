package dev.tenure.api.why;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.facts.FactSet;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The facts the rules saw, as the API answers them: a JSON object of fact name to fields, the rules' own
 * vocabulary (what rule authors write in DRL), which the API passes on as it is rather than as a type of its own.
 */
@Component
public class FactsJson {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper json;

    FactsJson(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> of(FactSet facts) {
        return facts == null ? null : json.convertValue(facts, OBJECT);
    }
}
