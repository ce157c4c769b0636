package dev.tenure.engine.intake;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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
