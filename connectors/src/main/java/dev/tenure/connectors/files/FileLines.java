package dev.tenure.connectors.files;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a dropped file as {@link java.io.BufferedReader#readLine()} splits them (at a line feed, a carriage
 * return, or both), none held longer than {@link #MAX_CHARS}: a line longer than that (a file with no line break, a
 * row of a million columns) is read to its end but only its start is kept, and {@link #length()} says how long it was,
 * so one such line is a dead letter instead of all of the memory a file drop has.
 */
final class FileLines {

    /** The longest line, or CSV row over several lines, a file drop reads: longer ones are refused. */
    static final int MAX_CHARS = 1 << 20;

    private final Reader in;
    private final int max;
    private final char[] buffer = new char[8192];
    private int position;
    private int end;
    private boolean skipLineFeed;
    private long length;

    FileLines(Reader in) {
        this(in, MAX_CHARS);
    }

    FileLines(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its line break, cut at the bound; null at the end of the file. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        length = 0;
        boolean started = false;
        while (true) {
            if (position == end && !fill()) {
                return started ? kept(line) : null;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            started = true;
            int start = position;
            while (position < end && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            int read = position - start;
            int kept = (int) Math.min(read, Math.max(0, max - length));
            line.append(buffer, start, kept);
            length += read;
            if (position < end) {
                skipLineFeed = buffer[position++] == '\r';
                return kept(line);
            }
        }
    }

    /** The line as kept: a cut that fell between the two halves of a character keeps neither. */
    private String kept(StringBuilder line) {
        int last = line.length() - 1;
        if (length > max && last >= 0 && Character.isHighSurrogate(line.charAt(last))) {
            line.setLength(last);
        }
        return line.toString();
    }

    /** How long the last line read was, with what was not kept of it. */
    long length() {
        return length;
    }

    /** Whether the last line read was longer than the bound, so only its start was kept. */
    boolean cut() {
        return length > max;
    }

    int max() {
        return max;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        end = n;
        return true;
    }
}
