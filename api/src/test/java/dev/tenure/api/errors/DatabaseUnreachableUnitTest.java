package dev.tenure.api.errors;

import dev.tenure.api.database.DatabaseProperties;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which failures mean "PostgreSQL cannot be reached" (503, send again later) and which mean it refused a
 * statement (500 or a client error): the one mapping every endpoint shares.
 */
class DatabaseUnreachableUnitTest {

    @Test
    void no_connection_within_the_wait_a_lost_connection_and_a_server_going_down_or_starting_are_unreachable() {
        SQLTransientConnectionException timedOut = new SQLTransientConnectionException("Connection is not available, request timed out after 1000ms");
        assertThat(ApiErrors.unreachable(new CannotCreateTransactionException("Could not open JDBC Connection for transaction", timedOut))).isTrue();
        assertThat(ApiErrors.unreachable(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timedOut))).isTrue();
        assertThat(ApiErrors.unreachable(new UncategorizedSQLException("insert", "INSERT ...",
                new SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
        assertThat(ApiErrors.unreachable(new IllegalStateException("storing failed",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(ApiErrors.unreachable(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void a_rollback_that_failed_on_the_broken_connection_is_judged_by_the_failure_that_started_it() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new UncategorizedSQLException("select", "SELECT ...",
                new SQLException("This connection has been closed.", "08003")));

        assertThat(ApiErrors.unreachable(rollback)).isTrue();
    }

    @Test
    void a_statement_the_database_refused_is_not_an_outage() {
        assertThat(ApiErrors.unreachable(new DuplicateKeyException("duplicate key", new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(ApiErrors.unreachable(new DataIntegrityViolationException("check", new SQLException("violates check constraint", "23514")))).isFalse();
        assertThat(ApiErrors.unreachable(new IllegalStateException("a play run is already cancelled"))).isFalse();
    }

    @Test
    void the_wait_and_the_retry_after_are_bounded_and_a_bad_one_names_its_setting() {
        assertThat(new DatabaseProperties(Duration.ofSeconds(3), Duration.ofSeconds(10)).retryAfterSeconds()).isEqualTo(10);
        assertThatThrownBy(() -> new DatabaseProperties(Duration.ofMillis(100), Duration.ofSeconds(10)))
                .hasMessage("tenure.database.connection-wait must be from 250ms to 30s, was PT0.1S");
        assertThatThrownBy(() -> new DatabaseProperties(Duration.ofMinutes(1), Duration.ofSeconds(10)))
                .hasMessageStartingWith("tenure.database.connection-wait");
        assertThatThrownBy(() -> new DatabaseProperties(Duration.ofSeconds(3), Duration.ofMillis(500)))
                .hasMessage("tenure.database.retry-after must be from 1s to 1h, was PT0.5S");
    }
}
