package dev.tenure.connectors.files;

import java.io.IOException;

/** The records of a file, read one at a time so a large file never sits in memory. */
interface SourceLines {

    /** The next record, or null at the end of the file. */
    SourceLine next() throws IOException;
}
