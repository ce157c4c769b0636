package dev.tenure.api.backtests;

import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backtests run one at a time; a failed one says why and makes room for the next. */
class BacktestRunsUnitTest {

    static final RuleSet EMPTY = new RuleSetCompiler().compile(RuleSetFiles.of(List.of()));
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");

    final Queue<Runnable> held = new ArrayDeque<>();
    /** No engine behind it: a backtest that gets to run fails, which is what the second test wants. */
    final BacktestRuns runs = new BacktestRuns(null, TestClock.get(), held::add);

    @Test
    void while_one_backtest_runs_a_second_is_refused() {
        BacktestRun first = runs.start(FROM, TO, EMPTY);

        assertThat(first.status()).isEqualTo(BacktestRun.Status.RUNNING);
        assertThat(first.ruleSet()).isEqualTo(EMPTY.version());
        assertThatThrownBy(() -> runs.start(FROM, TO, EMPTY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(first.id()).hasMessageContaining("one runs at a time");
    }

    /** Until the engine has counted the period's signals there is no share to show: not 100% of nothing. */
    @Test
    void a_backtest_that_has_not_counted_its_signals_yet_shows_no_total_and_no_percent() {
        BacktestRun started = runs.start(FROM, TO, EMPTY);

        assertThat(started.progress().replayed()).isZero();
        assertThat(started.progress().total()).isNull();
        assertThat(started.progress().percent()).isNull();
        assertThat(runs.find(started.id()).orElseThrow().progress().percent()).isNull();
    }

    @Test
    void once_counted_the_percent_is_of_the_signals_replayed_and_a_period_without_signals_is_all_replayed() {
        assertThat(BacktestRun.Progress.of(1, 3).percent()).isEqualTo(33.3);
        assertThat(BacktestRun.Progress.of(0, 3).percent()).isEqualTo(0.0);
        assertThat(BacktestRun.Progress.of(0, 0).percent()).isEqualTo(100.0);
    }

    @Test
    void a_failed_backtest_keeps_its_error_and_the_next_one_may_start() {
        BacktestRun first = runs.start(FROM, TO, EMPTY);
        held.remove().run();

        BacktestRun failed = runs.find(first.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(BacktestRun.Status.FAILED);
        assertThat(failed.error()).isNotBlank();
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(runs.start(FROM, TO, EMPTY).status()).isEqualTo(BacktestRun.Status.RUNNING);
    }
}
