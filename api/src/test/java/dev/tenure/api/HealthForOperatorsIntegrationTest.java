package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health as a load balancer and an operator read it: liveness and readiness groups for the first, every
 * component with its details for CS ops and admins only; anyone else sees the status alone.
 */
class HealthForOperatorsIntegrationTest extends ApiIntegrationTest {

    @Test
    void anyone_sees_the_status_and_only_cs_ops_and_admins_see_the_components_and_their_details() {
        ResponseEntity<JsonNode> nobody = anonymous.getForEntity("/actuator/health", JsonNode.class);
        ResponseEntity<JsonNode> csm = as("csm.health@tenure.test", Role.CSM).getForEntity("/actuator/health", JsonNode.class);
        ResponseEntity<JsonNode> ops = as("ops.health@tenure.test", Role.CS_OPS).getForEntity("/actuator/health", JsonNode.class);
        ResponseEntity<JsonNode> admin = http.getForEntity("/actuator/health", JsonNode.class);

        assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(nobody.getBody().path("status").asText()).isEqualTo("UP");
        assertThat(nobody.getBody().has("components")).as("nobody sees components: " + nobody.getBody()).isFalse();
        assertThat(nobody.getBody().toString()).doesNotContain("PostgreSQL", "version", "location");
        assertThat(csm.getBody().has("components")).as("a CSM sees the status only").isFalse();
        assertThat(ops.getBody().path("components").path("db").path("details").path("database").asText()).isEqualTo("PostgreSQL");
        JsonNode components = admin.getBody().path("components");
        assertThat(components.fieldNames()).toIterable().contains("db", "mail", "sources", "kafka", "livenessState", "readinessState");
        assertThat(components.path("mail").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("sources").path("details").path("webhook").path("route").asText()).isEqualTo("Started");
        assertThat(components.path("sources").path("details").path("file-drop").path("route").asText()).isEqualTo("Started");
        assertThat(components.path("kafka").path("status").asText()).as("no brokers in these tests").isEqualTo("UNKNOWN");
    }

    @Test
    void a_load_balancer_asks_readiness_which_is_the_database_and_the_application_state_and_nothing_else() {
        ResponseEntity<JsonNode> readiness = anonymous.getForEntity("/actuator/health/readiness", JsonNode.class);
        ResponseEntity<JsonNode> liveness = anonymous.getForEntity("/actuator/health/liveness", JsonNode.class);
        JsonNode readinessSeenByOps = http.getForObject("/actuator/health/readiness", JsonNode.class);
        JsonNode livenessSeenByOps = http.getForObject("/actuator/health/liveness", JsonNode.class);

        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody().path("status").asText()).isEqualTo("UP");
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readinessSeenByOps.path("components").fieldNames()).toIterable()
                .as("not mail, Kafka or the sources").containsExactlyInAnyOrder("db", "readinessState");
        assertThat(livenessSeenByOps.path("components").fieldNames()).toIterable().containsExactly("livenessState");
    }
}
