package dev.tenure.engine.guardrails;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The suppression list, keyed by lowercased address. There is no delete: an address is suppressed for good. */
@Repository
public class Suppressions {

    private final JdbcClient jdbc;

    public Suppressions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the address; an address already on the list keeps its first reason. Returns whether it was new. */
    public boolean add(String address, String reason, SuppressionSource source, Instant now) {
        return jdbc.sql("""
                        INSERT INTO suppression (address, reason, source, created_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (address) DO NOTHING""")
                .params(Guardrails.address(address), reason, source.name(), Timestamp.from(now))
                .update() == 1;
    }

    public Optional<Suppression> find(String address) {
        return jdbc.sql("SELECT address, reason, source, created_at FROM suppression WHERE address = ?")
                .param(Guardrails.address(address)).query(this::row).optional();
    }

    public List<Suppression> list(int limit) {
        return list(limit, 0);
    }

    /** Suppressed addresses, newest first, from the {@code offset}-th. */
    public List<Suppression> list(int limit, long offset) {
        return jdbc.sql("SELECT address, reason, source, created_at FROM suppression ORDER BY created_at DESC, address LIMIT ? OFFSET ?")
                .params(limit, offset).query(this::row).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM suppression").query(Long.class).single();
    }

    private Suppression row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Suppression(rs.getString(1), rs.getString(2), SuppressionSource.valueOf(rs.getString(3)),
                rs.getTimestamp(4).toInstant());
    }
}
