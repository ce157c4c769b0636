package dev.tenure.engine.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reloads the rule set when anything under the rules folder is added, changed or deleted, subfolders
 * included (new ones are watched as they appear). It waits until the folder has been quiet for the
 * debounce time, then reads it whole, so an editor's several writes or a copy of many files make one
 * candidate. Runs on one daemon thread from the start of the application to its stop.
 */
final class RulesFolderWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RulesFolderWatch.class);
    /** A folder read that fails (a file replaced mid-read) is tried again this many times. */
    private static final int READ_ATTEMPTS = 3;

    private final Path folder;
    private final Duration debounce;
    private final RuleSetReload reload;
    private volatile WatchService watcher;
    private volatile Thread thread;

    RulesFolderWatch(Path folder, Duration debounce, RuleSetReload reload) {
        this.folder = folder.toAbsolutePath().normalize();
        this.debounce = debounce;
        this.reload = reload;
    }

    @Override
    public void start() {
        try {
            watcher = folder.getFileSystem().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch the rules folder " + folder, e);
        }
        watchTree(folder);
        thread = new Thread(this::run, "rules-folder-watch");
        thread.setDaemon(true);
        thread.start();
        log.info("Watching {} for rule changes (quiet time {} ms)", folder, debounce.toMillis());
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("Closing the rules folder watch", e);
        }
        if (running != null) {
            try {
                // A reload under way finishes first: it may be storing a version.
                running.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        int attemptsLeft = 0;
        try {
            while (thread != null) {
                WatchKey key = attemptsLeft > 0 ? watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS) : watcher.take();
                if (key == null) {
                    attemptsLeft = reloadFolder(attemptsLeft);
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    attemptsLeft = READ_ATTEMPTS;
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && key.watchable() instanceof Path dir
                            && event.context() instanceof Path name && Files.isDirectory(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                        watchTree(dir.resolve(name));
                    }
                }
                key.reset();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // stop() closed the watch service: the application is stopping.
        }
    }

    /** Reads and reloads the folder; returns how many attempts are left (0 once done). */
    private int reloadFolder(int attemptsLeft) {
        try {
            reload.fromFolder(RuleSetReload.FILE_WATCHER);
            return 0;
        } catch (UncheckedIOException e) {
            log.warn("Could not read the rules folder {} ({}); {}", folder, e.getMessage(),
                    attemptsLeft > 1 ? "trying again" : "giving up until the next change");
            return attemptsLeft - 1;
        } catch (RuntimeException e) {
            // The watch must outlive any one bad reload, or later edits would go unnoticed.
            log.error("Reloading the rules folder {} failed; the running rules stay in force", folder, e);
            return 0;
        }
    }

    private void watchTree(Path top) {
        try (Stream<Path> dirs = Files.walk(top)) {
            dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(dir -> {
                try {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                } catch (IOException e) {
                    log.warn("Cannot watch {}: {}", dir, e.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // The folder went away while being walked; its parent's events still trigger a reload.
            log.warn("Cannot watch {}: {}", top, e.getMessage());
        }
    }
}
