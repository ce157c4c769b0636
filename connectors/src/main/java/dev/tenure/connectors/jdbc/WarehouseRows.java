package dev.tenure.connectors.jdbc;

import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a poll's rows, each a map of column name to value as Spring's own row mapper makes it, except for
 * timestamps, which are read by their column's SQL type rather than through {@code java.sql.Timestamp}: the
 * driver builds that in the JVM's default zone, so a {@code timestamp without time zone} would be another instant
 * on a machine in another zone. A timestamp with a zone is its {@link Instant}; one without is a {@link WallTime}
 * in the zone the source says its times are written in, and without that zone the poll is refused, naming the
 * source, the column and the setting, before any row is taken: guessed, every row would be stored at a wrong time.
 */
final class WarehouseRows implements ResultSetExtractor<List<Map<String, Object>>> {

    /** Type names of zoned timestamps, lower case without spaces or {@code _}, for drivers that report them as TIMESTAMP. */
    private static final Set<String> ZONED_NAMES = Set.of("timestamptz", "timestampwithtimezone", "timestampltz",
            "timestampwithlocaltimezone");

    /** A zone-less timestamp as the warehouse wrote it, and the zone the source says that is in. */
    record WallTime(LocalDateTime local, ZoneId zone) {

        /** In a zone's autumn overlap, the earlier of the two instants a wall time names. */
        Instant instant() {
            return local.atZone(zone).toInstant();
        }
    }

    private enum Read { ZONED, ZONELESS, AS_IS }

    private final String origin;
    private final String zoneSetting;
    private final Optional<ZoneId> zone;

    /**
     * @param origin      the source as errors name it, {@code jdbc/<name>/<kind>}
     * @param zoneSetting the property that gives the zone, for the error without it
     */
    WarehouseRows(String origin, String zoneSetting, Optional<ZoneId> zone) {
        this.origin = origin;
        this.zoneSetting = zoneSetting;
        this.zone = zone;
    }

    @Override
    public List<Map<String, Object>> extractData(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        String[] names = new String[count + 1];
        Read[] reads = new Read[count + 1];
        for (int i = 1; i <= count; i++) {
            names[i] = JdbcUtils.lookupColumnName(meta, i);
            reads[i] = read(meta, i);
            if (reads[i] == Read.ZONELESS && zone.isEmpty()) {
                throw new IllegalStateException(origin + ": column '" + names[i] + "' is a timestamp without time zone ("
                        + meta.getColumnTypeName(i) + "), whose values could be in any zone; set " + zoneSetting
                        + " to the zone the warehouse writes them in (an IANA id like Europe/Berlin, or UTC), or poll a view"
                        + " that gives the column as a timestamp with time zone");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            // Case-insensitive, as Spring's ColumnMapRowMapper makes rows: a setting may spell a column in either case.
            Map<String, Object> row = new LinkedCaseInsensitiveMap<>(count);
            for (int i = 1; i <= count; i++) {
                row.put(names[i], value(rs, i, reads[i]));
            }
            rows.add(row);
        }
        return rows;
    }

    private Object value(ResultSet rs, int i, Read read) throws SQLException {
        return switch (read) {
            case ZONED -> {
                OffsetDateTime at = rs.getObject(i, OffsetDateTime.class);
                yield at == null ? null : at.toInstant();
            }
            case ZONELESS -> {
                LocalDateTime local = rs.getObject(i, LocalDateTime.class);
                yield local == null ? null : new WallTime(local, zone.orElseThrow());
            }
            case AS_IS -> JdbcUtils.getResultSetValue(rs, i);
        };
    }

    private static Read read(ResultSetMetaData meta, int i) throws SQLException {
        int type = meta.getColumnType(i);
        String name = meta.getColumnTypeName(i);
        boolean zonedName = name != null && ZONED_NAMES.contains(name.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", ""));
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP && zonedName) {
            return Read.ZONED;
        }
        return type == Types.TIMESTAMP ? Read.ZONELESS : Read.AS_IS;
    }
}
