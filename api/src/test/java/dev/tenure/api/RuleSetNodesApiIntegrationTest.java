package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.rules.ThisNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * CS ops see which node runs which rule set version, over REST and on the rules page: every node of the
 * cluster (here the test application, and any other context the test JVM runs on the same database).
 */
class RuleSetNodesApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    ThisNode thisNode;

    @Test
    void the_status_names_the_version_in_force_and_each_node_with_the_version_it_runs() {
        JsonNode status = get("/api/rules");

        String inForce = status.path("inForce").asText();
        assertThat(inForce).isEqualTo(status.path("version").asText());
        JsonNode self = StreamSupport.stream(status.path("nodes").spliterator(), false)
                .filter(n -> n.path("thisNode").asBoolean()).findFirst().orElseThrow();
        assertThat(self.path("node").asText()).isEqualTo(thisNode.id());
        assertThat(self.path("version").asText()).isEqualTo(inForce);
        assertThat(self.path("runsVersionInForce").asBoolean()).isTrue();
        assertThat(self.path("answering").asBoolean()).isTrue();
        assertThat(self.path("since").asText()).isNotBlank();
        assertThat(self.path("lastSeen").asText()).isNotBlank();
        assertThat(self.path("problem").isNull()).isTrue();
    }

    @Test
    void the_rules_page_lists_the_nodes_and_the_version_each_runs() throws Exception {
        String inForce = get("/api/rules").path("inForce").asText();

        String page = mvc.perform(MockMvcRequestBuilders.get("/ops/rules")
                        .with(PagesIntegrationTest.signedIn("ops-nodes@tenure.test", "CS_OPS")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        String nodes = page.substring(page.indexOf("<table id=\"rule-set-nodes\""), page.indexOf("</table>", page.indexOf("rule-set-nodes")));
        assertThat(nodes).contains(thisNode.id() + "</span><span> (this one)</span>", "<code>" + inForce + "</code>");
        assertThat(nodes).doesNotContain("not the version in force", "does not compile");
    }
}
