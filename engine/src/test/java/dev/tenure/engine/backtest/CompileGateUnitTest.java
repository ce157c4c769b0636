package dev.tenure.engine.backtest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Candidate rule sets are compiled one at a time: a burst of requests waits its turn, or is told the gate is busy. */
class CompileGateUnitTest {

    @Test
    void a_second_compile_waits_for_the_first_and_then_runs() throws Exception {
        CompileGate gate = new CompileGate(Duration.ofSeconds(30));
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        Runnable compiling = () -> mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            compiling.run();
            firstInside.countDown();
            awaitLatch(firstMayEnd);
            inside.decrementAndGet();
            return "first";
        }));
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> secondThread = new AtomicReference<>();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            secondThread.set(Thread.currentThread());
            return gate.run(() -> {
                compiling.run();
                inside.decrementAndGet();
                return "second";
            });
        });
        // The second is at the gate, waiting, while the first compiles.
        await().atMost(Duration.ofSeconds(10)).until(() -> secondThread.get() != null
                && secondThread.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(second).isNotDone();
        firstMayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(mostInside).hasValue(1);
    }

    @Test
    void a_compile_that_cannot_get_in_within_its_wait_is_refused_as_busy_and_a_failed_one_lets_the_next_in() throws Exception {
        CompileGate gate = new CompileGate(Duration.ofMillis(50));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            held.countDown();
            awaitLatch(release);
            throw new IllegalArgumentException("the rule set does not compile");
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> gate.run(() -> "late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("being compiled").hasMessageContaining("try again");

        release.countDown();
        assertThatThrownBy(() -> holder.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(gate.run(() -> "next")).isEqualTo("next");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
