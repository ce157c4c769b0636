package dev.tenure.connectors.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inbox's {@code .reading/} folder: each file being read has a folder of its own there, named for its read, so
 * two files of one name (the next export, written while this one is read; a file a stopped node left there) never
 * take each other's place. A folder is left empty once its file has moved on to {@code done/} or {@code error/}.
 */
final class ReadingFolder {

    private static final Logger log = LoggerFactory.getLogger(ReadingFolder.class);
    /** An empty folder younger than this may be one another node has just made for the file it moves in. */
    static final Duration SETTLED = Duration.ofMinutes(1);

    private final Path folder;

    ReadingFolder(Path inbox) {
        this.folder = inbox.resolve(FileDropRoute.READING);
    }

    /**
     * Removes the empty folders of files read before; a failure to remove one is left for the next time. A folder's age
     * is told against this folder's own last change (the newest read's folder made in it) rather than a clock of this
     * node: on a shared inbox both times come from the file server, whatever the nodes' clocks say.
     */
    void sweep() {
        Instant latest;
        try {
            latest = Files.getLastModifiedTime(folder).toInstant();
        } catch (IOException e) {
            return;
        }
        for (Path read : folders()) {
            try {
                if (Files.getLastModifiedTime(read).toInstant().isBefore(latest.minus(SETTLED))) {
                    Files.delete(read);
                }
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                // A file is (still, or again) being read there, or another node swept it first.
            } catch (IOException e) {
                log.debug("Could not remove {}: {}", read, e.toString());
            }
        }
    }

    /**
     * The files of reads that have not finished: a node's that stopped mid-file, or, on a shared inbox, another node's
     * still reading; in a read's folder or, before reads had folders, in this one.
     */
    List<Path> stranded() {
        return Stream.concat(files(folder), folders().stream().flatMap(ReadingFolder::files)).toList();
    }

    private List<Path> folders() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(folder)) {
            return folders.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Stream<Path> files(Path read) {
        if (!Files.isDirectory(read)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(read)) {
            return files.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
