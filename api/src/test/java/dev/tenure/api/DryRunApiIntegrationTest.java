package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/accounts/{id}/dry-run: what the rules would do for the account now, without doing it. */
class DryRunApiIntegrationTest extends ApiIntegrationTest {

    @Test
    void an_account_whose_save_play_runs_already_shows_the_rule_firing_and_the_play_refused() {
        TestData dropping = TestData.account("Dry Dropper", Segment.HIGH_TOUCH).usage("core", 56, 29, 100).usage("core", 28, 0, 40);
        intake.accept(dropping.batch());

        JsonNode dryRun = get("/api/accounts/" + dropping.id() + "/dry-run");

        assertThat(dryRun.path("healthBand").asText()).isIn("GOOD", "AVERAGE", "POOR");
        assertThat(dryRun.path("health").path("components").findValuesAsText("name"))
                .containsExactly("usage", "support", "billing", "sentiment", "relationship");
        JsonNode fired = dryRun.path("rulesFired").get(0);
        assertThat(fired.path("rule").asText()).isEqualTo("Core usage dropped and stayed down (high touch): save play for the CSM");
        assertThat(fired.path("matchedFacts").path("usageTrend").path("usualWeekly").asDouble()).isEqualTo(700.0);
        assertThat(fired.path("matchedFacts").path("usageTrend").path("earlier7Days").asLong()).isEqualTo(280);
        JsonNode play = dryRun.path("plays").get(0);
        assertThat(play.path("play").asText()).isEqualTo("save-usage-drop");
        assertThat(play.path("wouldStart").asBoolean()).isFalse();
        assertThat(play.path("refusedBecause").asText()).startsWith("a run of the play is running");
        assertThat(items("/api/plays?accountId=" + dropping.id())).as("no second run").hasSize(1);
    }

    @Test
    void an_unknown_account_is_not_found_and_an_unknown_version_is_named() {
        TestData calm = TestData.account("Dry Calm", Segment.LOW_TOUCH);
        intake.accept(calm.batch());

        assertThat(http.getForEntity("/api/accounts/nobody/dry-run", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        var response = http.getForEntity("/api/accounts/" + calm.id() + "/dry-run?version=nope", JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().path("detail").asText()).startsWith("version: ");
    }
}
