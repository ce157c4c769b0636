package dev.tenure.connectors.jdbc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A warehouse source's mapping takes constants as a file's does, checked when the source is configured. */
class JdbcSourceUnitTest {

    private static JdbcSource tickets(Map<String, String> mapping) {
        return new JdbcSource(null, null, null, "desk_tickets", "tickets", "updated_at", List.of("ticket_id"), null, null,
                mapping, null);
    }

    @Test
    void aConstantTheKindTakes_isFine_andOneItRefuses_stopsTheStartNamingTheProperty() {
        assertThatCode(() -> tickets(Map.of("ticketId", "ticket_id", "openedAt", "opened_at", "priority", "=P3"))
                .check("tenure.sources.jdbc.desk")).doesNotThrowAnyException();

        assertThatCode(() -> tickets(Map.of("ticketId", "ticket_id", "openedAt", "opened_at", "priority", "=urgent"))
                .check("tenure.sources.jdbc.desk")).as("a help desk's word").doesNotThrowAnyException();
        assertThatThrownBy(() -> tickets(Map.of("priority", "=P7")).check("tenure.sources.jdbc.desk"))
                .hasMessageStartingWith("tenure.sources.jdbc.desk.mapping.priority: 'P7' is not one of P1, P2, P3, P4");
    }
}
