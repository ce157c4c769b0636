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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contact updates that arrive late (a Segment {@code identify} delivered after a later one) on two nodes at once, and
 * in numbers: a late update is history whoever took the newer one in, and costs about what an update in order does.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class LateContactUpdatesIntegrationTest {

    static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant AUGUST = Instant.parse("2026-08-01T00:00:00Z");

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

    @Test
    void given_a_batch_of_identifies_at_a_large_account_that_arrived_late_then_it_reads_the_contacts_it_updates_not_the_whole_account_for_each() {
        TestData acme = TestData.account("Many Late Identifies", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        List<ContactUpdate> july = updates(acme, 1_000, ContactRole.USER, JULY);
        transaction.executeWithoutResult(tx -> contacts.upsertAll(july, TestClock.now()));

        long inOrder = contactRowsRead(updates(acme, 200, ContactRole.ADMIN, AUGUST));
        long late = contactRowsRead(updates(acme, 200, ContactRole.BILLING, JUNE));

        // Read one by one against the whole account of 1,000, the late ones read some 200,000 rows.
        assertThat(late).as("contact rows read for 200 late updates; %s for 200 in order", inOrder)
                .isLessThan(5 * inOrder + 2_000);
        assertThat(contacts.of(acme.id())).filteredOn(c -> c.email().startsWith("u7@")).extracting(Contact::role)
                .containsExactly(ContactRole.ADMIN);
        assertThat(history.contactsAsOf(List.of(acme.id()), JUNE.plus(1, ChronoUnit.DAYS)).get(acme.id()))
                .filteredOn(c -> c.email().startsWith("u7@")).extracting(Contact::role).containsExactly(ContactRole.BILLING);
    }

    private static List<ContactUpdate> updates(TestData acme, int count, ContactRole role, Instant at) {
        List<ContactUpdate> updates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            updates.add(new ContactUpdate(new Contact(acme.id(), "u" + i + "@" + acme.id() + ".test", "U" + i, role, null, true, false),
                    at, ChangeCause.source("identify " + at + " " + i)));
        }
        return updates;
    }

    /** The rows of table contact the updates read, in their own transaction (its statistics count exactly its own reads). */
    private long contactRowsRead(List<ContactUpdate> updates) {
        return transaction.execute(tx -> {
            contacts.upsertAll(updates, TestClock.now());
            return jdbc.sql("""
                            SELECT coalesce(sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)), 0)
                            FROM pg_stat_xact_user_tables WHERE relname = 'contact'""")
                    .query(Long.class).single();
        });
    }
}
