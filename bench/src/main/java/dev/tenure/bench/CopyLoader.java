package dev.tenure.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Loads the benchmark's customers and signals with PostgreSQL's COPY, in chunks: the rows are the ones the
 * engine would have stored (usage events in their table, the other signals with the signal as JSON). The rollup tables are left empty; a
 * backtest does not read them.
 */
final class CopyLoader implements AutoCloseable {

    private static final int CHUNK = 50_000;

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final StringBuilder rows = new StringBuilder();
    private final StringBuilder usage = new StringBuilder();
    private int pending;
    private long loaded;

    CopyLoader(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    void accounts(List<Account> accounts) {
        StringBuilder csv = new StringBuilder();
        for (Account a : accounts) {
            line(csv, a.id(), a.name(), a.segment().name(), a.stage().name(), a.csm(), a.arr().toPlainString(), a.plan(),
                    a.startedOn().toString(), a.renewalOn().toString(), a.timezone());
        }
        copy("COPY account (id, name, segment, stage, csm, arr, plan, started_on, renewal_on, timezone) FROM STDIN (FORMAT csv)", csv);
    }

    void contacts(List<Contact> contacts) {
        StringBuilder csv = new StringBuilder();
        for (Contact c : contacts) {
            line(csv, c.accountId(), c.email(), c.name(), c.role().name(), c.timezone(), String.valueOf(c.active()),
                    String.valueOf(c.unsubscribed()));
        }
        copy("COPY contact (account_id, email, name, role, timezone, active, unsubscribed) FROM STDIN (FORMAT csv)", csv);
    }

    void signal(Signal s) {
        if (s instanceof UsageSignal u) {
            line(usage, u.source(), u.externalId(), u.accountId(), u.occurredAt().toString(), u.feature(), Long.toString(u.quantity()),
                    Integer.toString(u.activeUsers()));
        } else {
            try {
                line(rows, s.source(), s.externalId(), s.accountId(), s.kind(), s.occurredAt().toString(), json.writeValueAsString(s));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write " + s + " as JSON", e);
            }
        }
        if (++pending == CHUNK) {
            flush();
        }
    }

    long loaded() {
        return loaded + pending;
    }

    @Override
    public void close() {
        flush();
    }

    private void flush() {
        if (pending > 0) {
            copy("COPY signal (source, external_id, account_id, kind, occurred_at, payload) FROM STDIN (FORMAT csv)", rows);
            copy("COPY usage_event (source, external_id, account_id, occurred_at, feature, quantity, active_users) FROM STDIN (FORMAT csv)",
                    usage);
            loaded += pending;
            pending = 0;
            rows.setLength(0);
            usage.setLength(0);
        }
    }

    private void copy(String sql, StringBuilder csv) {
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY failed: " + sql, e);
        }
    }

    /** One CSV line; null is an empty unquoted field, which COPY reads as NULL. */
    private static void line(StringBuilder csv, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            if (fields[i] != null) {
                csv.append('"').append(fields[i].replace("\"", "\"\"")).append('"');
            }
        }
        csv.append('\n');
    }
}
