package dev.tenure.api.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded server's password. Made at random on the first start, kept in the data folder in
 * {@value #FILE_NAME}, readable by its owner only, and read again by every later start. Every connection
 * must give it (SCRAM-SHA-256), over the Unix socket as over TCP: another user of the machine gets nowhere
 * without a file only Tenure's own user can read.
 * <p>
 * A fresh folder is made that way by initdb. A folder made before there was a password (initdb's "trust":
 * anyone local got in as superuser, whatever password they gave) is given one at its next start: the
 * password is kept first, then set for the user, then pg_hba.conf replaced and reloaded. Each step can be
 * done again, so a start that stops halfway is finished by the next.
 */
final class ServerPassword {

    static final String FILE_NAME = "tenure-password";
    static final String USER = "postgres";

    private static final String SCRAM = "scram-sha-256";

    /** What pg_hba.conf says once a folder from before passwords has been given one. */
    private static final String EVERY_CONNECTION_WITH_THE_PASSWORD = """
            # Written by Tenure: every connection gives the password kept in %s in this folder,
            # over the Unix socket as over TCP.
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     %s
            host    all             all             127.0.0.1/32            %s
            host    all             all             ::1/128                 %s
            local   replication     all                                     %s
            host    replication     all             127.0.0.1/32            %s
            host    replication     all             ::1/128                 %s
            """.formatted(FILE_NAME, SCRAM, SCRAM, SCRAM, SCRAM, SCRAM, SCRAM);

    private final Path dataDir;
    private final String value;

    private ServerPassword(Path dataDir, String value) {
        this.dataDir = dataDir;
        this.value = value;
    }

    /** The folder's password, or a new one for a folder that has none yet (kept once the server is made). */
    static ServerPassword of(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String kept = Files.readString(file).strip();
            if (kept.isEmpty()) {
                throw new IllegalStateException(file + " is empty: it should hold the embedded PostgreSQL's password");
            }
            return new ServerPassword(dataDir, kept);
        }
        if (initialized(dataDir) && !trustsLocalConnections(dataDir)) {
            throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " asks for a password, and the file that "
                    + "kept it, " + file + ", is gone: put it back, or set spring.datasource.url to use your own server");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new ServerPassword(dataDir, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    String value() {
        return value;
    }

    Path file() {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * Starts the server on this folder with this password, and makes sure the server asks every connection
     * for it; a server that cannot be made to is stopped again.
     */
    Started start(EmbeddedPostgres.Builder builder) throws IOException {
        Path forInitdb = null;
        EmbeddedPostgres postgres;
        try {
            if (!initialized(dataDir)) {
                forInitdb = Files.createTempFile("tenure-initdb-", ".password", ownerOnly());
                Files.writeString(forInitdb, value + "\n");
                // Zonky passes its "locale" settings to initdb as --name=value after its own -A trust, so these
                // win: the superuser gets the password, and every connection must give it.
                builder.setLocaleConfig("auth", SCRAM).setLocaleConfig("pwfile", forInitdb.toString());
            }
            // The readiness check connects with these settings; the customizer runs after initdb, before the server.
            postgres = builder.setConnectConfig("password", value).setDataDirectoryCustomizer(folder -> keep()).start();
        } finally {
            if (forInitdb != null) {
                Files.deleteIfExists(forInitdb);
            }
        }
        try {
            return new Started(postgres, requireEverywhere(postgres));
        } catch (IOException | RuntimeException e) {
            try {
                postgres.close();
            } catch (IOException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    /**
     * @param givenPassword the folder trusted local connections until just now
     */
    record Started(EmbeddedPostgres postgres, boolean givenPassword) {
    }

    private void keep() {
        Path file = file();
        if (Files.exists(file)) {
            return;
        }
        try {
            Path written = Files.createTempFile(dataDir, FILE_NAME, ".new", ownerOnly());
            Files.writeString(written, value + "\n");
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the embedded PostgreSQL's password in " + file, e);
        }
    }

    /** Sets the password and rewrites pg_hba.conf if any rule lets a connection in without it. */
    private boolean requireEverywhere(EmbeddedPostgres postgres) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (rulesWithoutThePassword(connection) == 0) {
                return false;
            }
            // Hashed here, so the password itself never reaches the server's statement log.
            connection.unwrap(PGConnection.class).alterUserPassword(USER, value.toCharArray(), SCRAM);
            Path hba = dataDir.resolve("pg_hba.conf");
            Path written = Files.createTempFile(dataDir, "pg_hba.conf", ".new", ownerOnly());
            Files.writeString(written, EVERY_CONNECTION_WITH_THE_PASSWORD);
            Files.move(written, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
            if (rulesWithoutThePassword(connection) != 0) {
                throw new IllegalStateException(hba + " still lets connections in without the password");
            }
            return true;
        } catch (SQLException e) {
            throw new IOException("Cannot require the password of the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static int rulesWithoutThePassword(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rules = statement.executeQuery(
                     "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method IS DISTINCT FROM '" + SCRAM + "'")) {
            rules.next();
            return rules.getInt(1);
        }
    }

    private static boolean initialized(Path dataDir) {
        return Files.exists(dataDir.resolve("postgresql.conf"));
    }

    /** A folder made before passwords: initdb's "trust" for local connections. */
    private static boolean trustsLocalConnections(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        return !Files.exists(hba) || Files.readAllLines(hba).stream()
                .map(line -> line.replaceFirst("#.*", ""))
                .anyMatch(line -> line.matches(".*\\btrust\\b.*"));
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> readWrite = PosixFilePermissions.fromString("rw-------");
        return new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(readWrite)};
    }
}
