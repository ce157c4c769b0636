package dev.tenure.connectors.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.vocabulary.NpsSignal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NpsByRespondentUnitTest {

    private final Map<String, List<String>> contacts = Map.of(
            "ana@acme.example", List.of("acme"),
            "bo@shared.example", List.of("acme", "globex"));
    private final RecordMapper mapper = new RecordMapper(email -> contacts.getOrDefault(email, List.of()));

    private Mapping map(String record) throws Exception {
        return mapper.map(RecordKind.NPS, "nps[0]", new ObjectMapper().readTree(record), "webhook");
    }

    @Test
    void anAnswerWithOnlyTheRespondentsEmailLandsOnTheirAccount() throws Exception {
        Mapping mapping = map("""
                {"eventId":"n-1","occurredAt":"2026-11-01","score":9,"contactEmail":"ana@acme.example"}""");

        assertThat(mapping.errors()).isEmpty();
        assertThat(((NpsSignal) mapping.record()).accountId()).isEqualTo("acme");
    }

    @Test
    void anAccountIdGivenWinsOverTheRespondentsContacts() throws Exception {
        Mapping mapping = map("""
                {"eventId":"n-2","accountId":"globex","occurredAt":"2026-11-01","score":9,"contactEmail":"ana@acme.example"}""");

        assertThat(((NpsSignal) mapping.record()).accountId()).isEqualTo("globex");
    }

    @Test
    void anUnknownRespondentIsRefusedNamingTheEmail() throws Exception {
        Mapping mapping = map("""
                {"eventId":"n-3","occurredAt":"2026-11-01","score":9,"contactEmail":"who@nowhere.example"}""");

        assertThat(mapping.errors()).extracting(RecordError::field, RecordError::message).containsExactly(tuple(
                "contactEmail", "'who@nowhere.example' is no contact's email, so the account is unknown; add the contact or give accountId"));
    }

    @Test
    void aRespondentInSeveralAccountsIsRefusedAsAmbiguous() throws Exception {
        Mapping mapping = map("""
                {"eventId":"n-4","occurredAt":"2026-11-01","score":9,"contactEmail":"bo@shared.example"}""");

        assertThat(mapping.errors()).extracting(RecordError::field, RecordError::message).containsExactly(tuple(
                "contactEmail", "'bo@shared.example' is a contact of several accounts (acme, globex), so the account is ambiguous; give accountId"));
    }

    @Test
    void neitherAccountNorEmailIsRefusedNamingBoth() throws Exception {
        Mapping mapping = map("{\"eventId\":\"n-5\",\"occurredAt\":\"2026-11-01\",\"score\":9}");

        assertThat(mapping.errors()).extracting(RecordError::field, RecordError::message).containsExactly(tuple(
                "accountId", "missing; give accountId, or contactEmail to find the account through its contact"));
    }
}
