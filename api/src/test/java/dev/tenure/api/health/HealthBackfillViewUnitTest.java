package dev.tenure.api.health;

import dev.tenure.engine.backfill.HealthBackfillJob;
import dev.tenure.engine.backfill.HealthBackfillReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A backfill's progress as the API shows it: no total and no percent until the backfill knows its days. */
class HealthBackfillViewUnitTest {

    static final LocalDate FROM = LocalDate.of(2026, 11, 1);
    static final LocalDate TO = LocalDate.of(2026, 12, 1);
    static final Instant ASKED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void a_queued_backfill_shows_no_total_and_no_percent() {
        HealthBackfillView view = HealthBackfillView.of(job(HealthBackfillJob.Status.QUEUED, 0, 0, null));

        assertThat(view.progress().total()).isNull();
        assertThat(view.progress().percent()).isNull();
    }

    @Test
    void a_running_backfill_shows_the_days_scored_of_all() {
        HealthBackfillView view = HealthBackfillView.of(job(HealthBackfillJob.Status.RUNNING, 10, 30, null));

        assertThat(view.progress().total()).isEqualTo(30);
        assertThat(view.progress().percent()).isEqualTo(33.3);
    }

    @Test
    void a_finished_backfill_without_a_daily_time_is_all_done() {
        HealthBackfillReport report = new HealthBackfillReport(FROM, TO, null, null, 0, 0, 0, 0, 0, 0, 5);

        HealthBackfillView view = HealthBackfillView.of(job(HealthBackfillJob.Status.DONE, 0, 0, report));

        assertThat(view.progress().total()).isZero();
        assertThat(view.progress().percent()).isEqualTo(100.0);
    }

    private static HealthBackfillJob job(HealthBackfillJob.Status status, int done, int total, HealthBackfillReport report) {
        return new HealthBackfillJob("b-1", status, FROM, TO, "requested by ops@tenure.test", ASKED,
                report == null ? null : ASKED.plusSeconds(5), done, total, report, null);
    }
}
