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
        new FieldNames(Map.of("stage", "=adoption", "segment", "=HIGH_TOUCH", "id", "account_id"))
                .check(RecordKind.ACCOUNTS, "tenure.files.mappings.accounts");
        new FieldNames(Map.of("solvedAt", "=2026-11-01")).check(RecordKind.TICKETS, "tenure.files.mappings.tickets");
    }

    /**
     * A CRM export's renewal_date mapped to renewalDate, a field accounts do not have: the column was renamed to it, read
     * by nobody and dropped from every record, so no account got its renewal date and no line said why.
     */
    @Test
    void aColumnMappedToAFieldTheKindDoesNotHave_isRefusedAtStart_ratherThanDroppedFromEveryRecord() {
        assertThatThrownBy(() -> new FieldNames(Map.of("id", "account_id", "renewalDate", "renewal_date"))
                .check(RecordKind.ACCOUNTS, "tenure.files.mappings.accounts"))
                .hasMessageStartingWith("tenure.files.mappings.accounts.renewalDate: 'renewalDate' is not a field of accounts"
                        + " records; they have ")
                .hasMessageContaining("renewalOn");
        assertThatThrownBy(() -> new FieldNames(Map.of("accountId", "account_id+day")).check(RecordKind.ACCOUNTS,
                "tenure.sources.jdbc.crm.mapping"))
                .hasMessageStartingWith("tenure.sources.jdbc.crm.mapping.accountId: 'accountId' is not a field of accounts records");
        assertThatThrownBy(() -> new FieldNames(Map.of("stage", " ")).check(RecordKind.ACCOUNTS, "tenure.files.mappings.accounts"))
                .hasMessage("tenure.files.mappings.accounts.stage: names no column; give the column holding stage, or =VALUE"
                        + " for a constant");

        // Every field of every shape of the kind: a ticket row's updatedAt, a ticket event's eventId, any signal's source.
        new FieldNames(Map.of("ticketId", "ticket_id", "openedAt", "opened_at", "updatedAt", "updated_at", "eventId",
                "ticket_id+updated_at", "source", "desk")).check(RecordKind.TICKETS, "tenure.files.mappings.tickets");
        new FieldNames(Map.of("accountId", "org", "contactEmail", "respondent")).check(RecordKind.NPS, "tenure.files.mappings.nps");
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
    void aConstantBeyondTheBoundsRecordsGet_isRefusedAtStart_namingTheSetting_ratherThanEveryRecordAtTheIntake() {
        String longId = "a".repeat(201);
        assertThatThrownBy(() -> new FieldNames(Map.of("accountId", "=" + longId)).check(RecordKind.USAGE,
                "tenure.files.mappings.usage"))
                .hasMessage("tenure.files.mappings.usage.accountId: is 201 characters long; at most 200");
        assertThatThrownBy(() -> new FieldNames(Map.of("feature", "=co\0re")).check(RecordKind.USAGE,
                "tenure.sources.jdbc.events.mapping"))
                .hasMessage("tenure.sources.jdbc.events.mapping.feature: 'co\\u0000re' contains a control character (U+0000)"
                        + " at position 3");
        assertThatThrownBy(() -> new FieldNames(Map.of("name", "=" + "n".repeat(321))).check(RecordKind.CONTACTS,
                "tenure.files.mappings.contacts"))
                .hasMessage("tenure.files.mappings.contacts.name: is 321 characters long; at most 320");
        assertThatThrownBy(() -> new FieldNames(Map.of("source", "=zen\tdesk")).check(RecordKind.TICKETS,
                "tenure.files.mappings.tickets"))
                .hasMessageStartingWith("tenure.files.mappings.tickets.source: 'zen\\u0009desk' contains a control character");
        assertThatThrownBy(() -> new FieldNames(Map.of("renewalOn", "=2300-01-01")).check(RecordKind.ACCOUNTS,
                "tenure.files.mappings.accounts"))
                .hasMessage("tenure.files.mappings.accounts.renewalOn: '2300-01-01' is not between 1970-01-01 and 2199-12-31");
        assertThatThrownBy(() -> new FieldNames(Map.of("arr", "=1000000000000")).check(RecordKind.ACCOUNTS,
                "tenure.files.mappings.accounts"))
                .hasMessage("tenure.files.mappings.accounts.arr: '1000000000000' is beyond ±999999999999.99");

        // Free text takes line breaks and ten thousand characters; an id two hundred.
        new FieldNames(Map.of("comment", "=" + "c".repeat(400) + "\n" + "d".repeat(400))).check(RecordKind.NPS,
                "tenure.files.mappings.nps");
        new FieldNames(Map.of("accountId", "=" + "a".repeat(200))).check(RecordKind.USAGE, "tenure.files.mappings.usage");
    }

    @Test
    void aContactEmailConstant_isFineWhereTheEventIdTellsRecordsApart_andRefusedWhereItIsTheContactItself() {
        // An NPS or CSAT answer is told apart by its event id: every answer of a survey export may share a respondent.
        new FieldNames(Map.of("contactEmail", "=pat@acme.example")).check(RecordKind.NPS, "tenure.files.mappings.nps");
        new FieldNames(Map.of("contactEmail", "=pat@acme.example", "accountId", "account_id")).check(RecordKind.CSAT,
                "tenure.sources.jdbc.survey.mapping");

        assertThatThrownBy(() -> new FieldNames(Map.of("email", "=pat@acme.example")).check(RecordKind.CONTACTS,
                "tenure.files.mappings.contacts"))
                .hasMessageStartingWith("tenure.files.mappings.contacts.email: 'email' tells one contacts record from another");
        assertThatThrownBy(() -> new FieldNames(Map.of("eventId", "=answer-1")).check(RecordKind.NPS, "tenure.files.mappings.nps"))
                .hasMessageStartingWith("tenure.files.mappings.nps.eventId: 'eventId' tells one nps record from another");
        assertThatThrownBy(() -> new FieldNames(Map.of("contactEmail", "=not-an-address")).check(RecordKind.NPS,
                "tenure.files.mappings.nps"))
                .as("a value the field refuses is still refused").hasMessageStartingWith(
                        "tenure.files.mappings.nps.contactEmail: 'not-an-address' is not an email address");
    }

    @Test
    void fileDropSettings_withABadConstant_doNotStart() {
        assertThatThrownBy(() -> new dev.tenure.connectors.files.FileDropProperties("inbox", java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), 10, 1, Map.of("accounts", Map.of("segment", "=MEDIUM_TOUCH"))))
                .hasMessageStartingWith("tenure.files.mappings.accounts.segment: 'MEDIUM_TOUCH' is not one of");
    }
}
