package dev.tenure.engine.bounds;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file of a rule set from disk (a DRL, a play, a template, a tuning file, a file an option of a command names)
 * within {@link RecordBounds#FILE_LENGTH}, the bound an uploaded file of a rule set is held to: reading stops one
 * character past it, so a file of gigabytes, or one that never ends ({@code /dev/zero}), is refused after a
 * megabyte instead of filling the memory, and the refusal says where the limit was passed.
 */
public final class FileTexts {

    private FileTexts() {
    }

    /** A file longer than {@link RecordBounds#FILE_LENGTH} characters; {@link #line()} and {@link #column()} are where it passed that. */
    public static final class TooLong extends IOException {

        private final int line;
        private final int column;

        TooLong(int line, int column) {
            super(message(""));
            this.line = line;
            this.column = column;
        }

        private static String message(String place) {
            return "it is more than " + RecordBounds.FILE_LENGTH + " characters long" + place + "; a rule set's file holds at most "
                    + RecordBounds.FILE_LENGTH;
        }

        /** The message with the place in it, for an error that names the file but has no line and column of its own. */
        public String messageWithPlace() {
            return message(" (line " + line + ", column " + column + ")");
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /**
     * The UTF-8 text of the file, or {@link TooLong} when it has more than {@link RecordBounds#FILE_LENGTH} characters,
     * or a {@link java.nio.charset.CharacterCodingException} when it is not UTF-8 (as {@link Files#readString}).
     */
    public static String read(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n;
            // One character more than the bound is read, so a file of exactly the bound is taken whole.
            while ((n = in.read(buffer, 0, Math.min(buffer.length, RecordBounds.FILE_LENGTH + 1 - text.length()))) > 0) {
                text.append(buffer, 0, n);
                if (text.length() > RecordBounds.FILE_LENGTH) {
                    throw tooLong(text);
                }
            }
        }
        return text.toString();
    }

    /** Where the character past the bound is, counted as an editor does: lines and columns from 1. */
    private static TooLong tooLong(CharSequence text) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < RecordBounds.FILE_LENGTH; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TooLong(line, RecordBounds.FILE_LENGTH - lineStart + 1);
    }
}
