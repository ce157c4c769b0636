package dev.tenure.connectors.records;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a source's JSON is read, the same for webhooks, Segment, JSON Lines files and Kafka: what is read is what the
 * sender wrote, or the whole text is refused.
 */
public final class SourceJson {

    private SourceJson() {
    }

    public static ObjectReader reader(ObjectMapper mapper) {
        return mapper.reader()
                // Text after the JSON value is a broken request, not something to ignore silently.
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Through a double, 123456789012.345678 would be stored as 123456789012.34567, 1e-400 as 0, and 1e400
                // refused as 'Infinity', a value nobody sent.
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                // Else the last of a field given twice would quietly win, and the sender not learn which one counts.
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** A record of an array that could not be read on its own: its index, its text and why. */
    public record Refused(int index, String text, String reason) {
    }

    /**
     * As {@link #read}, for a text that may hold an array of records: the whole text ({@code under} null) or the
     * array under the top object's field {@code under} ({@code {"batch": [...]}}). When the text is refused only
     * because records in that array give a field twice, those records are refused alone (added to {@code refused};
     * each is {@code null} in the tree returned) and the ones beside them still count. The text with those records
     * taken out must then read as strictly as any: a field twice anywhere else refuses it whole.
     */
    public static JsonNode readRecords(ObjectReader json, String text, String under, List<Refused> refused)
            throws JsonProcessingException {
        try {
            return read(json, text);
        } catch (JsonProcessingException whole) {
            ObjectReader lenient = json.without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
            List<Refused> found = new ArrayList<>();
            StringBuilder without = new StringBuilder(text.length());
            int copied = 0;
            try (JsonParser parser = lenient.createParser(text)) {
                if (toArray(parser, under)) {
                    for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                        // A scalar holds no field, so only a record or a list can be what failed.
                        if (!parser.currentToken().isStructStart()) {
                            continue;
                        }
                        int start = (int) parser.currentTokenLocation().getCharOffset();
                        parser.skipChildren();
                        int end = (int) parser.currentLocation().getCharOffset();
                        String element = text.substring(start, end);
                        try {
                            read(json, element);
                        } catch (JsonProcessingException e) {
                            found.add(new Refused(i, element, e.getOriginalMessage()));
                            without.append(text, copied, start).append("null");
                            copied = end;
                        }
                    }
                }
            } catch (IOException e) {
                throw whole;
            }
            if (found.isEmpty()) {
                throw whole;
            }
            // What is wrong beside the records (the batch given twice) is what the sender hears of, not a record's field.
            JsonNode tree = read(json, without.append(text, copied, text.length()).toString());
            refused.addAll(found);
            return tree;
        }
    }

    /** Moves the parser onto the start of the array of records; false when the text holds none there. */
    private static boolean toArray(JsonParser parser, String under) throws IOException {
        JsonToken first = parser.nextToken();
        if (under == null) {
            return first == JsonToken.START_ARRAY;
        }
        if (first != JsonToken.START_OBJECT) {
            return false;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean named = under.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (named && value == JsonToken.START_ARRAY) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    /** The text's JSON through a {@link #reader}; broken JSON, of any kind, is a {@link JsonProcessingException}. */
    public static JsonNode read(ObjectReader json, String text) throws JsonProcessingException {
        try {
            return json.readTree(text);
        } catch (NumberFormatException e) {
            // Jackson lets this one through as it is (1e999999999999), where the sender should hear of broken JSON.
            throw new JsonParseException(null, "a number's exponent has more digits than any number may have");
        }
    }
}
