package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A replay's evaluations run on its own thread, halted at their limit by one watchdog. */
class RuleWatchUnitTest {

    private final RuleWatch watch = new RuleWatch();

    @Test
    void rules_that_end_in_time_give_their_value_on_the_callers_thread_and_release_their_session() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        Thread caller = Thread.currentThread();

        String value = watch.runHere(Duration.ofSeconds(5), () -> Thread.currentThread() == caller ? "here" : "elsewhere",
                () -> { }, () -> released.set(true));

        assertThat(value).isEqualTo("here");
        assertThat(released).isTrue();
    }

    @Test
    void rules_still_running_at_the_limit_are_halted_and_end_as_stopped_without_their_session_released() {
        AtomicBoolean halted = new AtomicBoolean();
        AtomicBoolean released = new AtomicBoolean();

        assertThatThrownBy(() -> watch.runHere(Duration.ofMillis(50), () -> {
            // As a Drools session does: fire until asked to halt.
            while (!halted.get()) {
                LockSupport.parkNanos(1_000_000);
            }
            return "late";
        }, () -> halted.set(true), () -> released.set(true)))
                .isInstanceOfSatisfying(RuleWatch.Stopped.class, stopped -> {
                    assertThat(stopped.failure()).isNull();
                    assertThat(stopped.where()).isNotEmpty();
                });
        assertThat(released).isFalse();
    }

    @Test
    void rules_that_fail_end_as_failed_with_their_failure_and_release_their_session() {
        IllegalStateException broken = new IllegalStateException("broken");
        AtomicBoolean released = new AtomicBoolean();

        assertThatThrownBy(() -> watch.runHere(Duration.ofSeconds(5), () -> {
            throw broken;
        }, () -> { }, () -> released.set(true))).isInstanceOfSatisfying(RuleWatch.Stopped.class, stopped ->
                assertThat(stopped.failure()).isSameAs(broken));
        assertThat(released).isTrue();
    }
}
