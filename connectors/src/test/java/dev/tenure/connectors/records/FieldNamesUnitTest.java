package dev.tenure.connectors.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A source's own field names read as ours. */
class FieldNamesUnitTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void mappedNamesBecomeOurs_theirsAreDropped_andOthersStay() throws Exception {
        FieldNames names = new FieldNames(Map.of("accountId", "account_id", "occurred-at", "event_time"));

        JsonNode record = names.apply(read("{\"account_id\": \"a1\", \"event_time\": \"2026-11-01\", \"feature\": \"core\"}"));

        assertThat(record).isEqualTo(read("{\"accountId\": \"a1\", \"occurredAt\": \"2026-11-01\", \"feature\": \"core\"}"));
    }

    @Test
    void aJoinedName_makesAKeyFromSeveralValues_orNothingWhenOneIsMissing() throws Exception {
        FieldNames names = new FieldNames(Map.of("eventId", "account_id+day", "accountId", "account_id"));

        assertThat(names.apply(read("{\"account_id\": \"a1\", \"day\": \"2026-11-01\"}")).path("eventId").asText())
                .isEqualTo("a1:2026-11-01");
        assertThat(names.apply(read("{\"account_id\": \"a1\", \"day\": \" \"}")).has("eventId")).isFalse();
    }

    @Test
    void twoNamesSwapped_areBothRight() throws Exception {
        FieldNames names = new FieldNames(Map.of("name", "plan", "plan", "name"));

        assertThat(names.apply(read("{\"name\": \"Gold\", \"plan\": \"Acme\"}")))
                .isEqualTo(read("{\"name\": \"Acme\", \"plan\": \"Gold\"}"));
    }
}
