package dev.tenure.engine.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs rules on a worker thread and gives up on them at a time limit: the caller gets its answer in
 * time whatever the rules do. At the limit the work is asked to halt (a Drools session stops between
 * firings) and interrupted; if it is still running after a short grace, an evaluation's worker is
 * stopped (Drools matching facts checks neither), so it does not keep a core busy. A stopped worker's
 * session is never reused.
 */
final class RuleWatch {

    private static final Logger log = LoggerFactory.getLogger(RuleWatch.class);
    private static final Duration GRACE = Duration.ofMillis(500);
    private static final int LOOKS = 5;
    private static final Duration LOOK_APART = Duration.ofMillis(10);

    private final ExecutorService workers;

    RuleWatch() {
        AtomicInteger count = new AtomicInteger();
        // Daemon threads, made as needed and dropped when idle: a worker given up on must not keep the JVM up.
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "rules-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How a watched run ended other than with its value: it failed, or it was stopped at the limit. */
    static final class Stopped extends Exception {

        private final transient Throwable failure;
        private final transient StackTraceElement[] where;

        Stopped(Throwable failure, StackTraceElement[] where) {
            super(null, null, false, false);
            this.failure = failure;
            this.where = where;
        }

        /** What the work threw; null when it was stopped at the limit. */
        Throwable failure() {
            return failure;
        }

        /** Where the worker was when it was stopped (empty when it failed). */
        StackTraceElement[] where() {
            return where;
        }
    }

    /**
     * The value of {@code work}, run within {@code limit}. {@code halt} asks the work to stop; {@code release}
     * runs on the worker after the work ended by itself (never after a stop); {@code hard} stops a worker
     * that ignores the halt and the interrupt.
     */
    <T> T run(Duration limit, Callable<T> work, Runnable halt, Runnable release, boolean hard) throws Stopped {
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicBoolean givenUp = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        Future<T> future = workers.submit(() -> {
            worker.set(Thread.currentThread());
            try {
                return work.call();
            } finally {
                if (!givenUp.get()) {
                    release.run();
                }
                ended.countDown();
            }
        });
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new Stopped(e.getCause(), new StackTraceElement[0]);
        } catch (TimeoutException e) {
            Thread thread = worker.get();
            StackTraceElement[] where = where(thread);
            giveUp(future, thread, givenUp, ended, halt, hard);
            throw new Stopped(null, where);
        } catch (InterruptedException e) {
            giveUp(future, worker.get(), givenUp, ended, halt, hard);
            Thread.currentThread().interrupt();
            throw new Stopped(null, new StackTraceElement[0]);
        }
    }

    /**
     * Where the worker is, looked at a few times: Drools matching facts spends much of its time in its own
     * code between calls of a rule's conditions, and one look may miss the rule.
     */
    private static StackTraceElement[] where(Thread thread) {
        if (thread == null) {
            return new StackTraceElement[0];
        }
        List<StackTraceElement> frames = new ArrayList<>();
        for (int look = 0; look < LOOKS; look++) {
            frames.addAll(Arrays.asList(thread.getStackTrace()));
            try {
                Thread.sleep(LOOK_APART.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return frames.toArray(StackTraceElement[]::new);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void giveUp(Future<?> future, Thread thread, AtomicBoolean givenUp, CountDownLatch ended, Runnable halt,
                               boolean hard) {
        givenUp.set(true);
        try {
            halt.run();
        } catch (RuntimeException e) {
            log.debug("Halting the rules failed", e);
        }
        future.cancel(true);
        boolean done;
        try {
            done = ended.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (done || thread == null || !hard) {
            return;
        }
        try {
            // Drools' matching checks no flag; a worker left running would keep a core busy for as long as it matches.
            thread.stop();
        } catch (UnsupportedOperationException e) {
            log.warn("Rules worker {} could not be stopped on this JVM; it is left to finish on its own", thread.getName());
        }
    }
}
