package dev.tenure.engine;

import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests run on the test clock's day, not today's: the engine reads now from its {@link Clock} bean,
 * which every test context gets from {@link TestClock}, and writes that now to the database itself
 * instead of leaving it to PostgreSQL's {@code now()}.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class EngineClockIntegrationTest {

    @Autowired Clock clock;
    @Autowired Intake intake;
    @Autowired JdbcClient jdbc;

    @Test
    void the_engine_runs_on_the_test_clock() {
        assertThat(clock).isInstanceOf(TestClock.class);
        assertThat(Duration.between(TestClock.START, clock.instant())).isPositive().isLessThan(Duration.ofHours(1));
    }

    @Test
    void given_a_detractors_answer_when_it_is_taken_in_then_every_time_written_is_the_test_clocks() {
        TestData unhappy = TestData.account("Clockwork Corp", Segment.HIGH_TOUCH).nps(3, 0);
        Instant before = TestClock.now();

        intake.accept(unhappy.batch());

        Instant after = TestClock.now();
        assertThat(times("SELECT created_at, updated_at FROM account WHERE id = ?", unhappy.id())).allSatisfy(t ->
                assertThat(t).isBetween(before, after));
        assertThat(times("SELECT received_at FROM signal WHERE account_id = ?", unhappy.id())).singleElement()
                .satisfies(t -> assertThat(t).isBetween(before, after));
        assertThat(times("SELECT started_at FROM play_run WHERE account_id = ?", unhappy.id())).isNotEmpty()
                .allSatisfy(t -> assertThat(t).isBetween(before, after));
    }

    /** Every timestamp the query returns, of every row and column. */
    private List<Instant> times(String sql, String accountId) {
        return jdbc.sql(sql).param(accountId).query((rs, n) -> {
            List<Instant> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(((Timestamp) rs.getObject(i)).toInstant());
            }
            return row;
        }).list().stream().flatMap(List::stream).toList();
    }
}
