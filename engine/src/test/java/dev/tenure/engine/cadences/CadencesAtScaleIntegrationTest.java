package dev.tenure.engine.cadences;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Correctness at a few thousand accounts; the timing is measured by the bench module's CadenceBenchmark. */
@SpringBootTest(classes = EngineTestApplication.class)
class CadencesAtScaleIntegrationTest {

    private static final int ACCOUNTS = 5_000;

    @Autowired Cadences cadences;
    @Autowired JdbcClient jdbc;
    @Autowired Scheduler scheduler;

    /** This context's triggers: other cached test contexts share the tables under their own scheduler names. */
    private long triggers(String name) throws SchedulerException {
        return jdbc.sql("SELECT count(*) FROM qrtz_triggers WHERE sched_name = ? AND (CAST(? AS text) IS NULL OR trigger_name = ?)")
                .params(scheduler.getSchedulerName(), name, name).query(Long.class).single();
    }

    @Test
    void given_5000_high_touch_accounts_near_a_qbr_then_one_pass_writes_one_run_each_and_adds_no_trigger_per_account()
            throws SchedulerException {
        String prefix = "scale-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        LocalDate started = TestClock.today().minusDays(75);
        jdbc.sql("""
                        INSERT INTO account (id, name, segment, stage, csm, started_on, renewal_on, timezone)
                        SELECT ? || n, 'Scale ' || n, 'HIGH_TOUCH', 'VALUE', 'csm-' || (n % 50) || '@tenure.test', ?, ?, 'UTC'
                        FROM generate_series(1, ?) AS n""")
                .params(prefix, java.sql.Date.valueOf(started), java.sql.Date.valueOf(started.plusDays(365 + 200)), ACCOUNTS)
                .update();
        long before = triggers(null);

        cadences.run();
        cadences.run();

        assertThat(jdbc.sql("""
                        SELECT count(*) FROM play_run WHERE account_id LIKE ? AND play_id = 'qbr' AND occurs_on = ?""")
                .params(prefix + "%", java.sql.Date.valueOf(started.plusDays(90))).query(Long.class).single())
                .isEqualTo(ACCOUNTS);
        assertThat(jdbc.sql("SELECT count(*) FROM play_step WHERE account_id LIKE ?").param(prefix + "%")
                .query(Long.class).single()).isEqualTo(ACCOUNTS);
        // Every prep step is due at the same moment: at most one wake-up for all of them, never one per account.
        assertThat(triggers(null) - before).isLessThanOrEqualTo(1);
        assertThat(triggers("cadences")).isEqualTo(1);
    }
}
