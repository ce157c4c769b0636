package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class DigestApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void given_a_csm_with_an_open_task_when_cs_ops_send_the_digests_twice_then_the_csm_has_one_digest_this_week() {
        TestData acme = TestData.account("Digest Api Corp", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        String csm = acme.account().csm();
        jdbc.sql("""
                        INSERT INTO task (account_id, owner, title, priority, status, due_at, created_at)
                        VALUES (?, ?, 'Call back', 'HIGH', 'OPEN', ?, ?)""")
                .params(acme.id(), csm, java.sql.Timestamp.from(TestClock.now().minus(java.time.Duration.ofDays(1))),
                        java.sql.Timestamp.from(TestClock.now())).update();

        JsonNode first = post("/api/digests/send", "").getBody();
        post("/api/digests/send", "");

        assertThat(first.path("week").asText()).matches("\\d{4}-W\\d{2}");
        JsonNode digests = get("/api/digests?csm=" + csm);
        assertThat(digests).hasSize(1);
        assertThat(digests.get(0).path("status").asText()).isEqualTo("SENT");
        assertThat(digests.get(0).path("subject").asText()).isEqualTo("Your tasks this week: 1 open, 1 overdue (" + first.path("week").asText() + ")");
    }
}
