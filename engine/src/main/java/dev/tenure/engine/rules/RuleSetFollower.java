package dev.tenure.engine.rules;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this node on the rule set version in force. One daemon thread holds a connection of the pool that
 * LISTENs on {@value RuleSets#CHANNEL} (an activation on any node notifies it when its transaction
 * commits) and follows the version in force at once; it also reads that version every
 * {@code tenure.rules-sync.poll-interval} whatever it heard, so a notification lost with a dropped
 * connection (PostgreSQL restarted, a network cut) is caught by the next poll, and it writes that this
 * node is still alive. While the database cannot be reached it keeps its rules and tries again every poll.
 */
@Component
final class RuleSetFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RuleSetFollower.class);
    /** How long one wait for notifications may block: the longest a stop waits for the thread. */
    private static final int WAIT_MILLIS = 250;

    private final RuleSetReload reload;
    private final ThisNode node;
    private final DataSource dataSource;
    private final Duration poll;
    private volatile Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Connection listening;
    private boolean outage;

    RuleSetFollower(RuleSetReload reload, ThisNode node, DataSource dataSource, RuleSetSyncProperties sync) {
        this.reload = reload;
        this.node = node;
        this.dataSource = dataSource;
        this.poll = sync.pollInterval();
    }

    @Override
    public void start() {
        node.join();
        // A change made between this node's start and now was heard by no one here: read it now.
        follow();
        thread = new Thread(this::run, "rule-set-follower");
        thread.setDaemon(true);
        thread.start();
        log.info("Node {} follows the rule set in force (notifications, and a poll every {} ms)", node.id(), poll.toMillis());
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        stopped.countDown();
        if (running != null) {
            try {
                // A swap under way finishes first; then the thread deletes the row, so the list shows only running nodes.
                running.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Normally the thread has left already; this is for a thread that did not end in time.
        node.leave();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        long nextPoll = System.nanoTime() + poll.toNanos();
        try {
            while (thread != null) {
                boolean heard = false;
                try {
                    heard = waitForNotifications();
                } catch (SQLException e) {
                    lost(e);
                    // Not before the next poll: a database that is down would otherwise be asked in a tight loop.
                    if (stopped.await(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
                if (heard || System.nanoTime() - nextPoll >= 0) {
                    follow();
                    nextPoll = System.nanoTime() + poll.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leave();
            close();
        }
    }

    /** Takes this node off the list of nodes, if the database can be reached at once; otherwise its row ages. */
    private void leave() {
        node.leave();
        if (listening == null) {
            log.info("Node {} stops without taking itself off the list of nodes (no connection to the database)", node.id());
            return;
        }
        try {
            RuleSetNodes.leave(listening, node.id());
        } catch (SQLException e) {
            log.info("Node {} stops without taking itself off the list of nodes ({})", node.id(), e.getMessage());
        }
    }

    /** Waits a moment for notifications; whether any came. Listens first if no connection listens yet. */
    private boolean waitForNotifications() throws SQLException {
        if (listening == null) {
            listening = dataSource.getConnection();
            try (Statement listen = listening.createStatement()) {
                listen.execute("LISTEN " + RuleSets.CHANNEL);
            }
            if (outage) {
                log.info("Node {} hears rule set changes again", node.id());
                outage = false;
                // What was notified while nobody listened is caught now, not at the next poll.
                return true;
            }
        }
        PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
        return notifications != null && notifications.length > 0;
    }

    private void follow() {
        try {
            reload.follow();
        } catch (RuntimeException e) {
            // The follower must outlive a failed read (the database away): the next poll tries again.
            log.warn("Node {} could not read the rule set in force ({}); it keeps the rules it runs", node.id(), e.getMessage());
        }
    }

    private void lost(SQLException e) {
        if (!outage) {
            log.warn("Node {} stopped hearing rule set changes ({}); it polls every {} ms and listens again when it can",
                    node.id(), e.getMessage(), poll.toMillis());
            outage = true;
        }
        close();
    }

    private void close() {
        if (listening != null) {
            try {
                listening.close();
            } catch (SQLException e) {
                log.debug("Closing the listening connection", e);
            }
            listening = null;
        }
    }
}
