package dev.tenure.engine.scenarios;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.yaml.UnreadableYaml;
import dev.tenure.engine.yaml.YamlReading;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it was written on, so every problem in a scenario file can name its line
 * (Jackson's trees keep no positions; its token stream does). A value is a scalar (its text), null, a
 * list of nodes or a map of fields in file order. The one YAML reader that keeps lines: the scenario files and
 * the backtest's tuning file use it. A text that cannot be read is told at its line by {@link YamlReading}.
 */
public record YamlNode(int line, Object value) {

    /** A key of a map, with the line of the key itself. */
    public record Field(String name, int line, YamlNode value) {
    }

    /** Reads a whole document; an empty document is a null node at line 1. */
    public static YamlNode parse(String text) throws UnreadableYaml {
        return YamlReading.read(text, parser -> parser.nextToken() == null ? new YamlNode(1, null) : read(parser));
    }

    private static YamlNode read(JsonParser parser) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Field> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                fields.put(name, new Field(name, keyLine, read(parser)));
            }
            return new YamlNode(line, Collections.unmodifiableMap(fields));
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser));
            }
            return new YamlNode(line, Collections.unmodifiableList(items));
        }
        return new YamlNode(line, token == JsonToken.VALUE_NULL ? null : parser.getText());
    }

    public boolean isNull() {
        return value == null;
    }

    public boolean isMap() {
        return value instanceof Map;
    }

    public boolean isList() {
        return value instanceof List;
    }

    public boolean isScalar() {
        return value instanceof String;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Field> fields() {
        return isMap() ? (Map<String, Field>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    public List<YamlNode> items() {
        return isList() ? (List<YamlNode>) value : List.of();
    }

    public String text() {
        return isScalar() ? (String) value : null;
    }

    /**
     * How the value reads in a message: the scalar itself (cut when long, control characters written out, as the
     * intake repeats a value), or what kind of thing it is.
     */
    public String shown() {
        return isScalar() ? "'" + RecordBounds.shown((String) value) + "'" : isMap() ? "a map" : isList() ? "a list" : "empty";
    }
}
