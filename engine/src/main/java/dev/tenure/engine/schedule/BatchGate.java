package dev.tenure.engine.schedule;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntSupplier;

/**
 * Lets a stopping node finish the batch of steps it claimed, and take no new one. Without it, the
 * database pool closes under a running batch: its transaction rolls back after its emails went out, and
 * another node sends them again. Spring stops lifecycle beans before it closes the pool.
 */
@Component
class BatchGate implements SmartLifecycle {

    /** Longer than a batch of emails takes; a batch still running then is left to roll back. */
    private static final Duration LONGEST_BATCH = Duration.ofSeconds(30);

    private final ReadWriteLock batches = new ReentrantReadWriteLock();
    private volatile boolean open;

    /** Runs a batch unless the node is stopping; returns its count, or 0 when it did not run. */
    int run(IntSupplier batch) {
        batches.readLock().lock();
        try {
            return open ? batch.getAsInt() : 0;
        } finally {
            batches.readLock().unlock();
        }
    }

    @Override
    public void start() {
        open = true;
    }

    /** Closes the gate and waits for the batches already inside it. */
    @Override
    public void stop() {
        open = false;
        try {
            if (batches.writeLock().tryLock(LONGEST_BATCH.toMillis(), TimeUnit.MILLISECONDS)) {
                batches.writeLock().unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return open;
    }
}
