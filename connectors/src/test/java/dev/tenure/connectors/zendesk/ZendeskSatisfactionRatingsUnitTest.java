package dev.tenure.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.vendors.VendorEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Zendesk's good/bad satisfaction ratings as CSAT answers. */
class ZendeskSatisfactionRatingsUnitTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ZendeskSatisfactionRatings ratings = new ZendeskSatisfactionRatings("organization.external_id");

    private VendorEvent rated(String score) throws Exception {
        return ratings.read(json.readTree("""
                {"event": "satisfaction.rated", "ticket": {"id": 42, "updated_at": "2026-11-24T11:00:00Z",
                 "satisfaction_rating": {"score": "%s"}, "requester": {"email": "ana@acme.example"},
                 "organization": {"external_id": "acme"}}}""".formatted(score)));
    }

    @Test
    void a_good_rating_is_a_five_and_a_bad_one_a_one() throws Exception {
        assertThat(rated("Good, I'm satisfied").record().toString()).isEqualTo("""
                {"source":"zendesk","eventId":"42@2026-11-24T11:00:00Z/rating","accountId":"acme",\
                "occurredAt":"2026-11-24T11:00:00Z","contactEmail":"ana@acme.example","ticketId":"42","score":"5"}""");
        assertThat(rated("bad").record().path("score").asText()).isEqualTo("1");
    }

    @Test
    void a_rating_only_offered_is_no_answer_and_is_ignored() throws Exception {
        VendorEvent offered = rated("offered");

        assertThat(offered.ignored()).isTrue();
        assertThat(offered.ignoredBecause()).contains("'offered'", "not good or bad");
    }
}
