package dev.tenure.connectors;

import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * What every connectors integration test shares: one Spring context (the real engine on the shared
 * embedded PostgreSQL), and questions about what landed. The database is shared by every test in the
 * JVM, so each test works on accounts of its own and looks only at them.
 */
@CamelSpringBootTest
@SpringBootTest(classes = ConnectorsTestApplication.class)
public abstract class ConnectorsIntegrationTest {

    @Autowired
    protected Intake intake;
    @Autowired
    protected DeadLetters deadLetters;
    @Autowired
    protected JdbcClient jdbc;

    /** A new account, stored through the engine, with an id no other test uses. */
    protected String existingAccount(String name) {
        TestData account = TestData.account(name, Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        return account.id();
    }

    /** The external ids of the signals stored for an account, oldest first. */
    protected List<String> signalsOf(String accountId) {
        return jdbc.sql("SELECT external_id FROM all_signals WHERE account_id = ? ORDER BY occurred_at, external_id")
                .param(accountId).query(String.class).list();
    }

    protected boolean accountExists(String accountId) {
        return jdbc.sql("SELECT count(*) FROM account WHERE id = ?").param(accountId).query(Integer.class).single() > 0;
    }

    protected int contactsOf(String accountId) {
        return jdbc.sql("SELECT count(*) FROM contact WHERE account_id = ?").param(accountId).query(Integer.class).single();
    }

    /** The dead letters from one origin (a file name, "webhook/usage"), oldest first. */
    protected List<DeadLetter> deadLettersFrom(String origin) {
        return deadLetters.latest(null, 10_000).stream().filter(d -> d.origin().equals(origin))
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }
}
