package dev.tenure.engine.intake;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Rows in the CSV form PostgreSQL's {@code COPY} reads. Text is quoted, so commas, quotes and line breaks
 * in it survive; numbers and times, which have none, are written as they are.
 */
final class CopyText {

    private final StringBuilder csv = new StringBuilder(1 << 16);
    private boolean lineStarted;

    CopyText text(String field) {
        separate();
        csv.append('"');
        if (field.indexOf('"') < 0) {
            csv.append(field).append('"');
            return this;
        }
        for (int c = 0; c < field.length(); c++) {
            char ch = field.charAt(c);
            if (ch == '"') {
                csv.append('"');
            }
            csv.append(ch);
        }
        csv.append('"');
        return this;
    }

    CopyText plain(String field) {
        separate();
        csv.append(field);
        return this;
    }

    CopyText number(long value) {
        separate();
        csv.append(value);
        return this;
    }

    /**
     * A moment as PostgreSQL reads a {@code timestamptz} ({@code 2026-11-24 09:30:00.25+00}), written field by
     * field: {@code Instant.toString} goes through a formatter, which costs more than the rest of a usage row.
     */
    CopyText instant(Instant at) {
        separate();
        LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            csv.append(at);
            return this;
        }
        csv.append(year).append('-');
        two(t.getMonthValue()).append('-');
        two(t.getDayOfMonth()).append(' ');
        two(t.getHour()).append(':');
        two(t.getMinute()).append(':');
        two(t.getSecond());
        int nanos = at.getNano();
        if (nanos != 0) {
            String fraction = Integer.toString(1_000_000_000 + nanos);
            csv.append('.').append(fraction, 1, fraction.length());
        }
        csv.append("+00");
        return this;
    }

    private StringBuilder two(int value) {
        return csv.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    CopyText end() {
        csv.append('\n');
        lineStarted = false;
        return this;
    }

    int length() {
        return csv.length();
    }

    /** The rows as the UTF-8 bytes COPY reads: encoded once here, where ASCII text is a plain copy. */
    InputStream bytes() {
        return new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return csv.toString();
    }

    private void separate() {
        if (lineStarted) {
            csv.append(',');
        }
        lineStarted = true;
    }
}
