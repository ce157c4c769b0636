package dev.tenure.connectors.files;

import java.io.IOException;
import java.util.List;

/** The records of a file, read one at a time so a large file never sits in memory. */
interface SourceLines {

    /**
     * The names the file gives its records' fields once, before them (a CSV header), as they are read; empty when each
     * record names its own (JSON Lines).
     */
    default List<String> header() {
        return List.of();
    }

    /** The next record, or null at the end of the file. */
    SourceLine next() throws IOException;
}
