package dev.tenure.engine.accounts;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contact updates that arrive late (a Segment {@code identify} delivered after a later one) on two nodes at once: a
 * late update is history whoever took the newer one in.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class LateContactUpdatesIntegrationTest {

    static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

    @Autowired
    Intake intake;
    @Autowired
    Contacts contacts;
    @Autowired
    AccountHistory history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void given_a_new_contacts_july_identify_on_one_node_and_its_late_june_one_on_another_at_once_then_july_says_what_it_is_and_june_what_it_was()
            throws Exception {
        TestData acme = TestData.account("Racing Identifies", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        String email = "kim@" + acme.id() + ".test";
        Contact admin = new Contact(acme.id(), email, "Kim", ContactRole.ADMIN, null, true, false);
        Contact user = new Contact(acme.id(), email, "Kim", ContactRole.USER, null, true, false);
        CountDownLatch julyWritten = new CountDownLatch(1);
        CountDownLatch commitJuly = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<?> julyNode = nodes.submit(() -> transaction.executeWithoutResult(tx -> {
                contacts.upsertAll(List.of(new ContactUpdate(admin, JULY, ChangeCause.source("identify m-july"))), TestClock.now());
                julyWritten.countDown();
                try {
                    commitJuly.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(julyWritten.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> juneNode = nodes.submit(() -> transaction.executeWithoutResult(tx ->
                    contacts.upsertAll(List.of(new ContactUpdate(user, JUNE, ChangeCause.source("identify m-june"))), TestClock.now())));
            // June's node found no contact and waits to insert it, on the row July's node has inserted.
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO contact (%' AND pid <> pg_backend_pid()""")
                    .query(Integer.class).single() > 0);
            commitJuly.countDown();
            julyNode.get(30, TimeUnit.SECONDS);
            juneNode.get(30, TimeUnit.SECONDS);
        } finally {
            commitJuly.countDown();
            nodes.shutdown();
        }

        assertThat(contacts.of(acme.id())).filteredOn(c -> c.email().equals(email)).extracting(Contact::role)
                .as("July's is the latest word; June's came late").containsExactly(ContactRole.ADMIN);
        assertThat(history.contactsAsOf(List.of(acme.id()), JUNE.plus(1, ChronoUnit.DAYS)).get(acme.id()))
                .filteredOn(c -> c.email().equals(email)).extracting(Contact::role).containsExactly(ContactRole.USER);
        assertThat(history.contactsAsOf(List.of(acme.id()), JULY.plus(1, ChronoUnit.DAYS)).get(acme.id()))
                .filteredOn(c -> c.email().equals(email)).extracting(Contact::role).containsExactly(ContactRole.ADMIN);
    }
}
