package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
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
        JsonNode digests = items("/api/digests?csm=" + csm);
        assertThat(digests).hasSize(1);
        assertThat(digests.get(0).path("status").asText()).isEqualTo("SENT");
        assertThat(digests.get(0).path("subject").asText()).isEqualTo("Your tasks this week: 1 open, 1 overdue (" + first.path("week").asText() + ")");
    }

    @Test
    void a_csm_reads_their_own_digests_only_and_cannot_send_them() {
        TestData mine = TestData.account("Digest Own Corp", Segment.LOW_TOUCH);
        TestData theirs = TestData.account("Digest Other Corp", Segment.LOW_TOUCH);
        intake.accept(mine.batch());
        intake.accept(theirs.batch());
        for (TestData account : java.util.List.of(mine, theirs)) {
            jdbc.sql("""
                            INSERT INTO task (account_id, owner, title, priority, status, due_at, created_at)
                            VALUES (?, ?, 'Call back', 'HIGH', 'OPEN', ?, ?)""")
                    .params(account.id(), account.account().csm(), java.sql.Timestamp.from(TestClock.now()),
                            java.sql.Timestamp.from(TestClock.now())).update();
        }
        post("/api/digests/send", "");
        TestRestTemplate csm = as(mine.account().csm(), Role.CSM);

        JsonNode own = csm.getForObject("/api/digests", JsonNode.class).path("items");
        assertThat(own).isNotEmpty().allSatisfy(d -> assertThat(d.path("csm").asText()).isEqualTo(mine.account().csm()));
        assertThat(csm.getForEntity("/api/digests?csm=" + mine.account().csm(), JsonNode.class).getStatusCode().value()).isEqualTo(200);
        assertThat(csm.getForEntity("/api/digests?csm=" + theirs.account().csm(), JsonNode.class).getStatusCode().value()).isEqualTo(403);
        assertThat(post(csm, "/api/digests/send", "").getStatusCode().value()).isEqualTo(403);
    }
}
