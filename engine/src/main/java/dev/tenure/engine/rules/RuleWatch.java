package dev.tenure.engine.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
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
import java.util.concurrent.locks.LockSupport;

/**
 * Runs rules on a worker thread and gives up on them at a time limit: the caller gets its answer in
 * time whatever the rules do. At the limit the work is asked to halt (a Drools session stops between
 * firings) and interrupted; if it is still running after a short grace, an evaluation's worker is
 * stopped (Drools matching facts checks neither), so it does not keep a core busy. A stopped worker's
 * session is never reused.
 * <p>
 * A replay ({@link #runHere}) evaluates a million times on threads of its own: there a hand-over to a
 * worker per evaluation would cost more than the rules. It runs on the caller's thread, watched by one
 * watchdog thread that halts it at the limit. A halt takes effect only between firings, and Drools matching
 * facts against each other (a join of many patterns) never gets there: such a replay would run until the
 * heap is gone. So a replay still in the rules a grace after its halt is stopped too, but only while it is
 * inside the work: the thread leaves the work under a lock the watchdog holds while it stops it, so the stop
 * lands in {@link #runHere}, which ends the evaluation as stopped, never in the replay's own code.
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

    /** How often the watchdog looks at the replays' evaluations; their limit is kept to about this much. */
    private static final Duration TICK = Duration.ofMillis(20);
    /** An idle watchdog ends; the next watched evaluation starts another. */
    private static final Duration IDLE = Duration.ofSeconds(30);

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();
    private final AtomicInteger watchdogs = new AtomicInteger();

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

    /** One evaluation on its caller's thread, and what the watchdog knows of it. */
    private static final class Watched {
        final Thread thread = Thread.currentThread();
        final long deadline;
        final Runnable halt;
        final AtomicBoolean halted = new AtomicBoolean();
        volatile StackTraceElement[] where = new StackTraceElement[0];
        /** Whether the thread is in the work; read and changed under this object's lock, as is {@code stopped}. */
        private boolean inWork = true;
        private boolean stopped;

        synchronized void left() {
            inWork = false;
        }

        /** Stops the thread if it is still in the work: under the lock it leaves by, so the stop lands there at the latest. */
        @SuppressWarnings({"deprecation", "removal"})
        synchronized void stopInWork() {
            if (!inWork || stopped) {
                return;
            }
            stopped = true;
            try {
                thread.stop();
            } catch (UnsupportedOperationException e) {
                log.warn("Replay thread {} could not be stopped on this JVM; it is left to finish on its own", thread.getName());
            }
        }

        Watched(long deadline, Runnable halt) {
            this.deadline = deadline;
            this.halt = halt;
        }
    }

    /**
     * The value of {@code work}, run on this thread within {@code limit}: at the limit the watchdog asks it
     * to halt, and it ends as stopped; a failure ends it as failed. {@code release} runs only after the work
     * ended by itself within the limit, with its value or a failure.
     */
    <T> T runHere(Duration limit, Callable<T> work, Runnable halt, Runnable release) throws Stopped {
        Watched w = new Watched(System.nanoTime() + limit.toNanos(), halt);
        watched.add(w);
        startWatchdog();
        try {
            T value = null;
            Exception failure = null;
            try {
                try {
                    value = work.call();
                } catch (Exception e) {
                    failure = e;
                }
                w.left();
            } catch (ThreadDeath stop) {
                // The watchdog stopped the work past its limit and grace (only ever before left() returns).
                w.left();
                throw new Stopped(null, w.where);
            }
            if (failure != null) {
                if (!w.halted.compareAndSet(false, true)) {
                    throw new Stopped(null, w.where);
                }
                // Failed by itself, not stopped mid-match: its session is whole, and a backtest that goes on
                // after a rule's failure must not leave a session behind for each one.
                try {
                    release.run();
                } catch (RuntimeException e) {
                    failure.addSuppressed(e);
                }
                throw new Stopped(failure, new StackTraceElement[0]);
            }
            if (!w.halted.compareAndSet(false, true)) {
                throw new Stopped(null, w.where);
            }
            release.run();
            return value;
        } finally {
            watched.remove(w);
        }
    }

    private void startWatchdog() {
        if (watching.compareAndSet(false, true)) {
            Thread watchdog = new Thread(this::watch, "rules-watchdog-" + watchdogs.incrementAndGet());
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    private void watch() {
        long idleSince = System.nanoTime();
        while (true) {
            LockSupport.parkNanos(TICK.toNanos());
            long now = System.nanoTime();
            if (watched.isEmpty()) {
                if (now - idleSince > IDLE.toNanos()) {
                    watching.set(false);
                    // An evaluation that began just now saw this watchdog running: look after it once more.
                    if (watched.isEmpty() || !watching.compareAndSet(false, true)) {
                        return;
                    }
                }
                continue;
            }
            idleSince = now;
            for (Watched w : watched) {
                if (now - w.deadline > GRACE.toNanos() && w.halted.get()) {
                    // Halted at the limit and still running: matching, which no halt reaches.
                    w.stopInWork();
                } else if (now - w.deadline > 0 && !w.halted.get()) {
                    w.where = where(w.thread);
                    // Claimed, then halted: an evaluation that ended meanwhile is left alone.
                    if (w.halted.compareAndSet(false, true)) {
                        try {
                            w.halt.run();
                        } catch (RuntimeException e) {
                            log.debug("Halting the rules failed", e);
                        }
                    }
                }
            }
        }
    }
}
