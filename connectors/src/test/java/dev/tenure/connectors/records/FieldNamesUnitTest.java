package dev.tenure.connectors.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aNameStartingWithEquals_isAConstantEveryRecordGets_overAColumnOfTheSameName() throws Exception {
        FieldNames names = new FieldNames(Map.of("stage", "=ADOPTION", "segment", "= low touch"));

        JsonNode record = names.apply(read("{\"id\": \"a1\", \"stage\": \"VALUE\"}"));

        assertThat(record).isEqualTo(read("{\"id\": \"a1\", \"stage\": \"ADOPTION\", \"segment\": \"low touch\"}"));
    }

    @Test
    void aConstantNoRecordCouldTake_isRefusedAtStart_namingTheSetting() {
        assertThatThrownBy(() -> new FieldNames(Map.of("stage", "=ADOPTON")).check(RecordKind.ACCOUNTS, "tenure.files.mappings.accounts"))
                .hasMessageStartingWith("tenure.files.mappings.accounts.stage: 'ADOPTON' is not one of ONBOARDING");
        assertThatThrownBy(() -> new FieldNames(Map.of("stag", "=ADOPTION")).check(RecordKind.ACCOUNTS, "tenure.files.mappings.accounts"))
                .hasMessageStartingWith("tenure.files.mappings.accounts.stag: 'stag' is not a field of accounts records; they have ")
                .hasMessageContaining("stage");
        assertThatThrownBy(() -> new FieldNames(Map.of("priority", "=")).check(RecordKind.TICKETS, "tenure.sources.jdbc.desk.mapping"))
                .hasMessage("tenure.sources.jdbc.desk.mapping.priority: a constant needs a value after '='");
        assertThatThrownBy(() -> new FieldNames(Map.of("eventId", "=x")).check(RecordKind.USAGE, "tenure.files.mappings.usage"))
                .hasMessageStartingWith("tenure.files.mappings.usage.eventId: 'eventId' tells one usage record from another");
        assertThatThrownBy(() -> new FieldNames(Map.of("ticketId", "=T-1")).check(RecordKind.TICKETS, "tenure.files.mappings.tickets"))
                .hasMessageContaining("every record after the first would be taken for the same one");
        assertThatThrownBy(() -> new FieldNames(Map.of("id", "=acme")).check(RecordKind.ACCOUNTS, "tenure.files.mappings.accounts"))
                .hasMessageStartingWith("tenure.files.mappings.accounts.id: ");
        new FieldNames(Map.of("stage", "=adoption", "segment", "=HIGH_TOUCH", "accountId", "account_id"))
                .check(RecordKind.ACCOUNTS, "tenure.files.mappings.accounts");
        new FieldNames(Map.of("solvedAt", "=2026-11-01")).check(RecordKind.TICKETS, "tenure.files.mappings.tickets");
    }

    @Test
    void aConstantTimeNoSignalCanHave_isRefusedAtStart_ratherThanEveryRecordAtTheIntake() {
        // Ten digits are seconds since 1970: this one is the year 2286, and every row of the source would be refused.
        assertThatThrownBy(() -> new FieldNames(Map.of("occurredAt", "=9999999999")).check(RecordKind.USAGE,
                "tenure.sources.jdbc.events.mapping"))
                .hasMessage("tenure.sources.jdbc.events.mapping.occurredAt: '9999999999' is 2286-11-20T17:46:39Z, not between"
                        + " 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z");
        assertThatThrownBy(() -> new FieldNames(Map.of("solvedAt", "=1999-12-31")).check(RecordKind.TICKETS,
                "tenure.files.mappings.tickets"))
                .hasMessage("tenure.files.mappings.tickets.solvedAt: '1999-12-31' is 1999-12-31T00:00:00Z, not between"
                        + " 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z");
    }

    @Test
    void fileDropSettings_withABadConstant_doNotStart() {
        assertThatThrownBy(() -> new dev.tenure.connectors.files.FileDropProperties("inbox", java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), 10, 1, Map.of("accounts", Map.of("segment", "=MEDIUM_TOUCH"))))
                .hasMessageStartingWith("tenure.files.mappings.accounts.segment: 'MEDIUM_TOUCH' is not one of");
    }
}
