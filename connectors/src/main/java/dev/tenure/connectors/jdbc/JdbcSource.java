package dev.tenure.connectors.jdbc;

import dev.tenure.connectors.records.FieldNames;
import dev.tenure.connectors.records.RecordKind;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One polled table or view.
 *
 * @param url             JDBC URL of the warehouse; none: the application's own database
 * @param username        for {@code url}
 * @param password        for {@code url}
 * @param table           table or view, optionally schema-qualified ({@code analytics.daily_usage})
 * @param kind            the kind of record each row is: usage, tickets, billing, nps, csat, accounts, contacts
 * @param watermarkColumn a column that only grows (an id, {@code updated_at}): rows past the last value
 *                        read are new
 * @param keyColumns      the columns whose values, after {@code <name>:}, make a row's event id when
 *                        {@code mapping} names no {@code eventId} column; the watermark column by default
 * @param interval        time between two polls
 * @param batchSize       rows read per poll, at most
 * @param mapping         our field name to the column holding it, for columns named otherwise
 * @param zone            the zone the warehouse's {@code timestamp without time zone} values are written in (an
 *                        IANA id, {@code Europe/Berlin}); none: such a column is refused rather than read in the
 *                        JVM's zone, which would give other instants on another machine
 */
public record JdbcSource(String url, String username, String password, String table, String kind,
                         String watermarkColumn, List<String> keyColumns, Duration interval, Integer batchSize,
                         Map<String, String> mapping, String zone) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    public JdbcSource {
        url = url == null || url.isBlank() ? null : url.trim();
        interval = interval == null ? Duration.ofMinutes(1) : interval;
        batchSize = batchSize == null ? 1000 : batchSize;
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        keyColumns = keyColumns == null || keyColumns.isEmpty()
                ? (watermarkColumn == null ? List.of() : List.of(watermarkColumn)) : List.copyOf(keyColumns);
        zone = zone == null || zone.isBlank() ? null : zone.trim();
    }

    /** Refuses settings that cannot work, naming the property; table and columns go into SQL, so only plain names. */
    void check(String prefix) {
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException(prefix + ".table: " + (table == null ? "missing" : "'" + table
                    + "' is not a plain table or view name (letters, digits, _, one optional schema.)"));
        }
        if (watermarkColumn == null || !IDENTIFIER.matcher(watermarkColumn).matches() || watermarkColumn.contains(".")) {
            throw new IllegalArgumentException(prefix + ".watermark-column: " + (watermarkColumn == null ? "missing"
                    : "'" + watermarkColumn + "' is not a plain column name"));
        }
        if (kind == null || RecordKind.named(kind).isEmpty()) {
            throw new IllegalArgumentException(prefix + ".kind: " + (kind == null ? "missing" : "'" + kind
                    + "' is not a kind") + "; one of " + RecordKind.names());
        }
        fieldNames().check(recordKind(), prefix + ".mapping");
        if (batchSize < 1) {
            throw new IllegalArgumentException(prefix + ".batch-size: must be at least 1, was " + batchSize);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(prefix + ".interval: must be positive, was " + interval);
        }
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(prefix + ".zone: '" + zone
                        + "' is not a time zone (an IANA id like Europe/Berlin, or UTC)");
            }
        }
    }

    /** The zone of the warehouse's zone-less timestamps, if the source says it. */
    Optional<ZoneId> zoneId() {
        return zone == null ? Optional.empty() : Optional.of(ZoneId.of(zone));
    }

    RecordKind recordKind() {
        return RecordKind.named(kind).orElseThrow();
    }

    FieldNames fieldNames() {
        return new FieldNames(mapping);
    }
}
