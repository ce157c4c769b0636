package dev.tenure.engine.backtest;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One candidate rule set compiled at a time. A Drools compile of a large rule set holds hundreds of megabytes for
 * seconds, and backtests, tunings and dry runs each compile before they ask whether one is already running: a burst
 * of requests with files would compile them all at once. The others wait their turn, in order, up to {@code wait};
 * past it the request is refused as busy ({@link IllegalStateException}, a 409), not left hanging.
 */
final class CompileGate {

    private final Semaphore permit = new Semaphore(1, true);
    private final Duration wait;

    CompileGate(Duration wait) {
        this.wait = wait;
    }

    <T> T run(Supplier<T> compile) {
        boolean admitted;
        try {
            admitted = permit.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to compile a rule set", e);
        }
        if (!admitted) {
            throw new IllegalStateException("other rule sets are being compiled for backtests, tunings or dry runs, and this one "
                    + "waited " + wait.toSeconds() + " s for its turn; try again when they are done");
        }
        try {
            return compile.get();
        } finally {
            permit.release();
        }
    }
}
