package dev.tenure.api.people;

import dev.tenure.engine.bounds.RecordBounds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The people who sign in, with bcrypt password hashes and their roles. */
@Repository
public class People {

    private static final String SELECT = """
            SELECT u.id, u.email, u.display_name, u.enabled, u.created_at,
                   array(SELECT r.role FROM user_role r WHERE r.user_id = u.id ORDER BY r.role) AS roles
            FROM users u
            """;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    People(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Transactional
    public Person create(NewPerson person) {
        String email = normalize(person.email());
        RecordBounds.require("email", RecordBounds.nameProblem(email));
        RecordBounds.require("displayName", RecordBounds.nameProblem(person.displayName()));
        if (find(email).isPresent()) {
            throw new IllegalStateException("user " + email + " already exists");
        }
        long id = jdbc.sql("""
                        INSERT INTO users (email, display_name, password_hash, enabled, created_at)
                        VALUES (?, ?, ?, true, ?) RETURNING id""")
                .params(email, person.displayName(), passwords.encode(person.password()), clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
        for (Role role : person.roles()) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(id, role.name()).update();
        }
        return find(email).orElseThrow();
    }

    public Optional<Person> find(String email) {
        return jdbc.sql(SELECT + " WHERE u.email = ?").param(normalize(email)).query(People::person).optional();
    }

    public Optional<Person> find(long id) {
        return jdbc.sql(SELECT + " WHERE u.id = ?").param(id).query(People::person).optional();
    }

    public List<Person> list() {
        return jdbc.sql(SELECT + " ORDER BY u.email").query(People::person).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    Optional<String> passwordHash(String email) {
        return jdbc.sql("SELECT password_hash FROM users WHERE email = ?").param(normalize(email)).query(String.class).optional();
    }

    /** True when the current password was right and the new one is stored. */
    public boolean changePassword(String email, String current, String replacement) {
        Optional<String> hash = passwordHash(email);
        if (hash.isEmpty() || !passwords.matches(current, hash.get())) {
            return false;
        }
        jdbc.sql("UPDATE users SET password_hash = ? WHERE email = ?").params(passwords.encode(replacement), normalize(email)).update();
        return true;
    }

    /**
     * Gives a person these roles instead of theirs. Refused when it would leave nobody able to manage people:
     * the last enabled admin keeps the admin role.
     */
    @Transactional
    public Person changeRoles(long id, Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("roles: choose at least one role");
        }
        Person person = find(id).orElseThrow(() -> new IllegalArgumentException("person " + id + " does not exist"));
        if (!roles.contains(Role.ADMIN)) {
            requireAnotherAdmin(person, "keeps the admin role");
        }
        jdbc.sql("DELETE FROM user_role WHERE user_id = ?").param(id).update();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(id, role.name()).update();
        }
        return find(id).orElseThrow();
    }

    /**
     * Deactivated, a person can no longer sign in, their sessions end at their next request and their API
     * tokens stop working; their email stays on the accounts, tasks and history that carry it. The last
     * enabled admin cannot be deactivated.
     */
    @Transactional
    public Person changeEnabled(long id, boolean enabled) {
        Person person = find(id).orElseThrow(() -> new IllegalArgumentException("person " + id + " does not exist"));
        if (!enabled) {
            requireAnotherAdmin(person, "cannot be deactivated");
        }
        jdbc.sql("UPDATE users SET enabled = ? WHERE id = ?").params(enabled, id).update();
        return find(id).orElseThrow();
    }

    /** Locks the enabled admins, so two admins demoting each other at once cannot leave none. */
    private void requireAnotherAdmin(Person person, String what) {
        if (!person.enabled() || !person.roles().contains(Role.ADMIN)) {
            return;
        }
        List<Long> admins = jdbc.sql("""
                        SELECT u.id FROM users u JOIN user_role r ON r.user_id = u.id AND r.role = 'ADMIN'
                        WHERE u.enabled ORDER BY u.id FOR UPDATE OF u""")
                .query(Long.class).list();
        if (admins.stream().noneMatch(other -> other != person.id())) {
            throw new IllegalStateException(person.email() + " is the last admin and " + what
                    + ": make someone else an admin first, or nobody could manage people");
        }
    }

    public boolean passwordMatches(String email, String password) {
        return passwordHash(email).map(hash -> passwords.matches(password, hash)).orElse(false);
    }

    static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private static Person person(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("roles");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object role : (Object[]) array.getArray()) {
            roles.add(Role.valueOf((String) role));
        }
        return new Person(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"), Set.copyOf(roles),
                rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant());
    }

    /** A person to create, with an initial password (stored only as a bcrypt hash). */
    public record NewPerson(String email, String displayName, String password, Set<Role> roles) {
    }
}
