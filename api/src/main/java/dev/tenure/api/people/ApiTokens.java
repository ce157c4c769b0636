package dev.tenure.api.people;

import dev.tenure.engine.bounds.RecordBounds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens an admin issues to a person. Only a token's SHA-256 is stored, so a copy of the database
 * gives no working token; the token itself is returned once, when issued.
 */
@Repository
public class ApiTokens {

    private static final String PREFIX = "tnr_";

    private final JdbcClient jdbc;
    private final People people;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, People people, Clock clock) {
        this.jdbc = jdbc;
        this.people = people;
        this.clock = clock;
    }

    public IssuedToken issue(String name, String ownerEmail) {
        RecordBounds.require("name", RecordBounds.nameProblem(name));
        Person owner = people.find(ownerEmail)
                .orElseThrow(() -> new IllegalArgumentException("owner: no user " + ownerEmail));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        long id = jdbc.sql("INSERT INTO api_token (name, user_id, token_sha256, created_at) VALUES (?, ?, ?, ?) RETURNING id")
                .params(name, owner.id(), sha256(token), now.atOffset(ZoneOffset.UTC)).query(Long.class).single();
        return new IssuedToken(id, name, owner.email(), now, token);
    }

    /** The enabled person a live token belongs to; marks the token used. */
    public Optional<Person> authenticate(String token) {
        Optional<Long> owner = jdbc.sql("""
                        UPDATE api_token SET last_used_at = ? WHERE token_sha256 = ? AND revoked_at IS NULL
                        RETURNING user_id""")
                .params(clock.instant().atOffset(ZoneOffset.UTC), sha256(token)).query(Long.class).optional();
        return owner.flatMap(people::find).filter(Person::enabled);
    }

    /** False when there is no such token; revoking a revoked token changes nothing. */
    public boolean revoke(long id) {
        int found = jdbc.sql("UPDATE api_token SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?")
                .params(clock.instant().atOffset(ZoneOffset.UTC), id).update();
        return found > 0;
    }

    public List<TokenInfo> list() {
        return jdbc.sql("""
                        SELECT t.id, t.name, u.email, t.created_at, t.last_used_at, t.revoked_at
                        FROM api_token t JOIN users u ON u.id = t.user_id ORDER BY t.id""")
                .query(ApiTokens::info).list();
    }

    private static TokenInfo info(ResultSet rs, int row) throws SQLException {
        return new TokenInfo(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_used_at")),
                rs.getTimestamp("revoked_at") != null);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A token as issued: the only time {@code token} is shown. */
    public record IssuedToken(long id, String name, String owner, Instant createdAt, String token) {
    }

    /** A token as listed: never the token itself. */
    public record TokenInfo(long id, String name, String owner, Instant createdAt, Instant lastUsedAt, boolean revoked) {
    }
}
