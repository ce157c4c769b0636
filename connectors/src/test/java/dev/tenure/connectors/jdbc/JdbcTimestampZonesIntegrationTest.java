package dev.tenure.connectors.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.connectors.records.RecordMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A warehouse's timestamps give the same instants on every machine: a {@code timestamp without time zone} is read
 * in the zone the source says its times are written in, never the JVM's, and is refused when the source says none;
 * a {@code timestamp with time zone} is its own instant. Each poll runs with the JVM's default zone set to another
 * zone far from UTC, so a reading that leaned on it would move by hours.
 */
class JdbcTimestampZonesIntegrationTest extends ConnectorsIntegrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    RecordMapper mapper;
    @Autowired
    ObjectMapper json;

    /** A usage table of its own, with a timestamp column of the given SQL type. */
    private String table(String timestampType) {
        String name = "warehouse_events_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.sql("CREATE TABLE " + name + " (id bigserial PRIMARY KEY, account_id text, happened_at " + timestampType
                + ", feature_name text)").update();
        return name;
    }

    private void insert(String table, String account, String happenedAt) {
        jdbc.sql("INSERT INTO " + table + " (account_id, happened_at, feature_name) VALUES (?, CAST(? AS "
                + columnType(table) + "), 'core')").params(account, happenedAt).update();
    }

    private String columnType(String table) {
        return jdbc.sql("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = CAST(? AS regclass)"
                + " AND attname = 'happened_at'").param(table).query(String.class).single();
    }

    private JdbcPoll poll(String name, String table, String zone) {
        JdbcSource source = new JdbcSource(null, null, null, table, "usage", "happened_at", List.of("id"), null, 100,
                Map.of("accountId", "account_id", "occurredAt", "happened_at", "feature", "feature_name"), zone);
        source.check("tenure.sources.jdbc." + name);
        return new JdbcPoll(name, source, new JdbcTemplate(dataSource), jdbc, transaction, intake, deadLetters, mapper, json);
    }

    private List<Instant> occurredAt(String account) {
        return jdbc.sql("SELECT occurred_at FROM all_signals WHERE account_id = ? ORDER BY occurred_at").param(account)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
    }

    private String watermark(String name) {
        return jdbc.sql("SELECT watermark FROM jdbc_source_watermark WHERE source = ?").param(name)
                .query(String.class).optional().orElse(null);
    }

    /** Runs the work with the JVM's default zone set to {@code zone}, then puts the default back. */
    private static <T> T inJvmZone(String zone, Supplier<T> work) {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            return work.get();
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void aZonelessTimestamp_isReadInTheSourcesZone_whateverTheJvmsZone_andItsWatermarkBindsBackTheSame() {
        String account = existingAccount("Warehouse Berlin Clock");
        String table = table("timestamp without time zone");
        String name = "berlin-" + table;
        JdbcPoll poll = poll(name, table, "Europe/Berlin");
        insert(table, account, "2026-11-01 10:00:00");

        JdbcPoll.Outcome first = inJvmZone("America/New_York", poll::poll);

        assertThat(first.accepted()).isEqualTo(1);
        assertThat(occurredAt(account)).containsExactly(Instant.parse("2026-11-01T09:00:00Z"));
        assertThat(watermark(name)).as("the warehouse's own wall time").isEqualTo("2026-11-01T10:00");

        insert(table, account, "2026-11-01 10:30:00");
        JdbcPoll.Outcome second = inJvmZone("Asia/Tokyo", poll::poll);
        JdbcPoll.Outcome third = inJvmZone("Pacific/Kiritimati", poll::poll);

        assertThat(second.rows()).as("only the new row, past the watermark read in another JVM zone").isEqualTo(1);
        assertThat(third.rows()).as("nothing is read twice").isZero();
        assertThat(occurredAt(account)).containsExactly(Instant.parse("2026-11-01T09:00:00Z"),
                Instant.parse("2026-11-01T09:30:00Z"));
    }

    @Test
    void aZonelessTimestamp_withoutAZone_isRefusedNamingTheSourceTheColumnAndTheSetting_andNothingMoves() {
        String account = existingAccount("Warehouse Unknown Clock");
        String table = table("timestamp");
        String name = "nozone-" + table;
        JdbcPoll poll = poll(name, table, null);
        insert(table, account, "2026-11-01 10:00:00");

        assertThatThrownBy(() -> inJvmZone("America/New_York", poll::poll))
                .hasMessageContaining("jdbc/" + name)
                .hasMessageContaining("happened_at")
                .hasMessageContaining("timestamp without time zone")
                .hasMessageContaining("tenure.sources.jdbc." + name + ".zone");

        assertThat(occurredAt(account)).isEmpty();
        assertThat(watermark(name)).isNull();
        assertThat(deadLettersFrom("jdbc/" + name + "/usage")).isEmpty();
    }

    @Test
    void aTimestampWithTimeZone_isItsOwnInstant_withOrWithoutAZone_whateverTheJvmsZone() {
        String account = existingAccount("Warehouse Zoned Clock");
        String table = table("timestamptz");
        String name = "zoned-" + table;
        JdbcPoll poll = poll(name, table, null);
        insert(table, account, "2026-11-01 10:00:00+01");

        inJvmZone("America/New_York", poll::poll);
        insert(table, account, "2026-11-01 10:30:00+01");
        JdbcPoll.Outcome second = inJvmZone("Asia/Tokyo", poll::poll);

        assertThat(second.rows()).isEqualTo(1);
        assertThat(occurredAt(account)).containsExactly(Instant.parse("2026-11-01T09:00:00Z"),
                Instant.parse("2026-11-01T09:30:00Z"));
        assertThat(watermark(name)).isEqualTo("2026-11-01T09:30:00Z");

        JdbcPoll berlin = poll("zoned-berlin-" + table, table, "Europe/Berlin");
        assertThat(inJvmZone("Pacific/Kiritimati", berlin::poll).accepted()).isEqualTo(2);
        assertThat(occurredAt(account)).as("a zone changes nothing for a zoned column (another source: its own event ids)")
                .containsExactly(Instant.parse("2026-11-01T09:00:00Z"), Instant.parse("2026-11-01T09:00:00Z"),
                        Instant.parse("2026-11-01T09:30:00Z"), Instant.parse("2026-11-01T09:30:00Z"));
    }
}
