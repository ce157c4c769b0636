package dev.tenure.connectors.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The last value of a source's watermark column that was read, stored as text with its type so it
 * binds back as the same SQL type ({@code updated_at > ?} compares timestamps, not strings). A timestamp
 * with a zone is kept as its instant; one without as the warehouse's own wall time, bound back as that
 * wall time: neither goes through the JVM's zone, so another node in another zone goes on where this one
 * stopped.
 */
record Watermark(String value, String type) {

    static Watermark of(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof BigInteger) {
            return new Watermark(value.toString(), "integer");
        }
        if (value instanceof BigDecimal decimal) {
            return new Watermark(decimal.toPlainString(), "decimal");
        }
        if (value instanceof Instant at) {
            return new Watermark(at.toString(), "timestamp");
        }
        if (value instanceof WarehouseRows.WallTime wall) {
            return new Watermark(wall.local().toString(), "local timestamp");
        }
        if (value instanceof Timestamp timestamp) {
            return new Watermark(timestamp.toInstant().toString(), "timestamp");
        }
        if (value instanceof Date date) {
            return new Watermark(date.toString(), "date");
        }
        if (value instanceof String text) {
            return new Watermark(text, "text");
        }
        throw new IllegalArgumentException("a watermark column must be a whole number, decimal, timestamp, date or"
                + " text; this one holds " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** The value to bind in {@code watermark_column > ?}. */
    Object parameter() {
        return switch (type) {
            case "integer" -> Long.valueOf(value);
            case "decimal" -> new BigDecimal(value);
            case "timestamp" -> Timestamp.from(Instant.parse(value));
            case "local timestamp" -> LocalDateTime.parse(value);
            case "date" -> Date.valueOf(value);
            default -> value;
        };
    }
}
