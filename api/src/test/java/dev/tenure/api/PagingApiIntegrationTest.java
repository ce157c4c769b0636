package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every REST list is paged: its items, how many in all, and the next page until the last. */
class PagingApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    /** An account of this CSM with {@code count} open tasks, due a day apart. */
    void tasksOf(String csm, String name, int count) {
        TestData account = TestData.account(name, Segment.LOW_TOUCH).csm(csm);
        intake.accept(account.batch());
        for (int i = 0; i < count; i++) {
            jdbc.sql("""
                            INSERT INTO task (account_id, owner, title, priority, status, due_at, created_at)
                            VALUES (?, ?, ?, 'NORMAL', 'OPEN', ?, ?)""")
                    .params(account.id(), csm, "Call " + i, Timestamp.from(TestClock.now().plus(Duration.ofDays(i + 1))),
                            Timestamp.from(TestClock.now())).update();
        }
    }

    @Test
    void a_csms_five_tasks_come_two_a_page_with_the_total_and_a_link_to_the_next_page() {
        String csm = "csm.paged@tenure.test";
        tasksOf(csm, "Paged Corp", 5);

        JsonNode first = get("/api/tasks?owner=" + csm + "&size=2");
        JsonNode second = get(first.path("next").asText());
        JsonNode last = get("/api/tasks?owner=" + csm + "&size=2&page=3");

        assertThat(first.path("total").asLong()).isEqualTo(5);
        assertThat(first.path("items").findValuesAsText("title")).containsExactly("Call 0", "Call 1");
        assertThat(first.path("page").asInt()).isEqualTo(1);
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(first.path("nextPage").asInt()).isEqualTo(2);
        assertThat(first.path("next").asText()).isEqualTo("/api/tasks?owner=" + csm + "&page=2&size=2");
        assertThat(second.path("items").findValuesAsText("title")).containsExactly("Call 2", "Call 3");
        assertThat(last.path("items").findValuesAsText("title")).containsExactly("Call 4");
        assertThat(last.path("nextPage").isNull()).as("the last page has no next").isTrue();
        assertThat(last.path("next").isNull()).isTrue();
        assertThat(get("/api/tasks?owner=" + csm + "&page=9").path("items")).as("past the end: no items, the same total").isEmpty();
        assertThat(get("/api/tasks?owner=" + csm + "&page=9").path("total").asLong()).isEqualTo(5);
    }

    @Test
    void a_csms_list_of_accounts_counts_only_their_own() {
        String csm = "csm.counted@tenure.test";
        tasksOf(csm, "Counted One", 1);
        tasksOf(csm, "Counted Two", 1);
        tasksOf("csm.other.counted@tenure.test", "Counted Other", 1);

        JsonNode accounts = as(csm, Role.CSM).getForObject("/api/accounts?size=1", JsonNode.class);

        assertThat(accounts.path("total").asLong()).isEqualTo(2);
        assertThat(accounts.path("items")).hasSize(1);
        assertThat(accounts.path("nextPage").asInt()).isEqualTo(2);
    }

    @Test
    void a_page_or_size_that_does_not_read_is_a_400_naming_it() {
        ResponseEntity<JsonNode> zero = http.getForEntity("/api/plays?size=0", JsonNode.class);
        ResponseEntity<JsonNode> huge = http.getForEntity("/api/emails?size=1001", JsonNode.class);
        ResponseEntity<JsonNode> word = http.getForEntity("/api/dead-letters?page=second", JsonNode.class);
        ResponseEntity<JsonNode> oldName = http.getForEntity("/api/suppressions?limit=-1", JsonNode.class);

        assertThat(zero.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(zero.getBody().path("parameter").asText()).isEqualTo("size");
        assertThat(huge.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(huge.getBody().path("detail").asText()).isEqualTo("size: 1001 is out of range; give 1 to 1000");
        assertThat(word.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(word.getBody().path("parameter").asText()).isEqualTo("page");
        assertThat(oldName.getBody().path("parameter").asText()).isEqualTo("limit");
    }

    @Test
    void lists_held_in_memory_are_paged_the_same_way() {
        JsonNode users = get("/api/users?size=1");

        assertThat(users.path("items")).hasSize(1);
        assertThat(users.path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(get("/api/tokens").path("items")).isNotEmpty();
    }
}
