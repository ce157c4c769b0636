package dev.tenure.connectors.files;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.vocabulary.TicketLoad;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Exports as CRMs and help desks write them, read through mappings alone: an accounts export without a
 * segment or stage column (constants in the mapping), and tickets as one row per ticket with the times it
 * was opened and solved.
 */
@TestPropertySource(properties = {
        "tenure.files.mappings.accounts.id=account_id",
        "tenure.files.mappings.accounts.name=company",
        "tenure.files.mappings.accounts.segment==low touch",
        "tenure.files.mappings.accounts.stage==ADOPTION",
        "tenure.files.mappings.tickets.accountId=account_id",
        "tenure.files.mappings.tickets.ticketId=ticket_id",
        "tenure.files.mappings.tickets.openedAt=opened_at",
        "tenure.files.mappings.tickets.solvedAt=solved_at",
        "tenure.files.mappings.tickets.updatedAt=updated_at"})
class ExportShapesFileDropIntegrationTest extends ConnectorsIntegrationTest {

    /** A help desk export, one row per ticket, with the time each row last changed. */
    private static final String DESK_HEADER = "ticket_id,account_id,opened_at,solved_at,updated_at,priority,status,subject\n";

    @Autowired
    FileDropProperties properties;
    @Autowired
    FactSets facts;
    @Autowired
    Accounts accounts;

    private void dropAndWait(String name, String content) throws IOException {
        dropAndWait(name, content, null);
    }

    /** Drops a file as an export written at {@code writtenAt} (its last-modified time; null: now). */
    private void dropAndWait(String name, String content, Instant writtenAt) throws IOException {
        Files.createDirectories(properties.inboxPath());
        Path staged = Files.writeString(properties.inboxPath().resolveSibling(name + ".staged"), content, StandardCharsets.UTF_8);
        if (writtenAt != null) {
            Files.setLastModifiedTime(staged, java.nio.file.attribute.FileTime.from(writtenAt));
        }
        Files.move(staged, properties.inboxPath().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(properties.inboxPath().resolve("done").resolve(name)));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void givenAnAccountsExportWithoutSegmentOrStage_thenTheMappingsConstantsFillThemIn() throws IOException {
        String acme = unique("acme");
        String file = unique("accounts-crm") + ".csv";

        dropAndWait(file, """
                account_id,company,arr
                %s,Acme Analytics,48000
                """.formatted(acme));

        assertThat(deadLettersFrom(file)).isEmpty();
        assertThat(jdbc.sql("SELECT segment || ' ' || stage FROM account WHERE id = ?").param(acme)
                .query(String.class).single()).isEqualTo("LOW_TOUCH ADOPTION");
    }

    @Test
    void givenOneRowPerTicket_thenEachIsOpenedAndSolvedOnesAlsoSolved_andTheNextDaysExportAddsOnlyWhatIsNew() throws IOException {
        String acme = existingAccount("Ticket Export");
        String monday = unique("tickets-desk") + ".csv";
        dropAndWait(monday, """
                ticket_id,account_id,opened_at,solved_at,priority,status,subject
                T-1,%1$s,2026-11-01T10:00:00Z,2026-11-02T16:00:00Z,P1,solved,Export fails
                T-2,%1$s,2026-11-02T09:00:00Z,,P2,open,Slow dashboard
                T-3,%1$s,2026-11-02T11:00:00Z,,P2,solved,No time given
                """.formatted(acme));

        assertThat(signalsOf(acme)).containsExactly(acme + ":T-1:opened", acme + ":T-2:opened", acme + ":T-1:solved");
        assertThat(deadLettersFrom(monday)).singleElement().satisfies(letter -> {
            assertThat(letter.line()).isEqualTo(4);
            assertThat(letter.reason()).isEqualTo("solvedAt: missing; a SOLVED ticket needs the time it was solved");
        });
        assertThat(tickets(acme)).containsExactly(Map.of("ticket_id", "T-1", "status", "SOLVED"),
                Map.of("ticket_id", "T-2", "status", "OPEN"));

        // the next export: T-1 again as it was, T-2 solved since
        String tuesday = unique("tickets-desk") + ".csv";
        dropAndWait(tuesday, """
                ticket_id,account_id,opened_at,solved_at,priority,status,subject
                T-1,%1$s,2026-11-01T10:00:00Z,2026-11-02T16:00:00Z,P1,solved,Export fails
                T-2,%1$s,2026-11-02T09:00:00Z,2026-11-03T08:00:00Z,P2,closed,Slow dashboard
                """.formatted(acme));

        assertThat(signalsOf(acme)).containsExactly(acme + ":T-1:opened", acme + ":T-2:opened", acme + ":T-1:solved",
                acme + ":T-2:solved");
        assertThat(tickets(acme)).containsExactly(Map.of("ticket_id", "T-1", "status", "SOLVED"),
                Map.of("ticket_id", "T-2", "status", "CLOSED"));
        assertThat(deadLettersFrom(tuesday)).isEmpty();
    }

    @Test
    void givenAJiraServiceManagementExport_thenItsPrioritiesStatusesAndTimesAreReadAsTheyCome() throws IOException {
        String acme = existingAccount("Jira Export");
        String file = unique("tickets-jsm") + ".csv";

        dropAndWait(file, """
                ticket_id,account_id,opened_at,solved_at,priority,status,subject
                JSM-1,%1$s,2026-11-02T09:15:00.000+0100,2026-11-03T17:40:00.000+0100,Highest,Resolved,Login fails
                JSM-2,%1$s,2026-11-03T08:00:00.000+0100,,Medium,Waiting for customer,Invoice question
                JSM-3,%1$s,2026-11-03T11:30:00.000+0100,,Low,Waiting for support,Export to Sheets
                """.formatted(acme));

        assertThat(deadLettersFrom(file)).isEmpty();
        assertThat(signalsOf(acme)).containsExactly(acme + ":JSM-1:opened", acme + ":JSM-2:opened",
                acme + ":JSM-3:opened", acme + ":JSM-1:solved");
        assertThat(jdbc.sql("""
                SELECT ticket_id || ' ' || priority || ' ' || status || ' ' || to_char(opened_at AT TIME ZONE 'UTC', 'HH24:MI')
                FROM ticket WHERE account_id = ? ORDER BY ticket_id""").param(acme).query(String.class).list())
                .as("waiting for the customer is pending; waiting for support is work still to do")
                .containsExactly("JSM-1 P1 SOLVED 08:15", "JSM-2 P3 PENDING 07:00", "JSM-3 P4 OPEN 10:30");
    }

    @Test
    void givenTheNextExportSolvesATicketInTheYear2279_thenThatRowIsADeadLetterNamingSolvedAt_andTheTicketStaysOpen()
            throws IOException {
        String acme = existingAccount("Epoch Export");
        String monday = unique("tickets-desk") + ".csv";
        dropAndWait(monday, """
                ticket_id,account_id,opened_at,solved_at,priority,status,subject
                T-1,%1$s,1762164000,,P2,open,Export fails
                """.formatted(acme));

        // A digit too many at the front: still ten digits of seconds, so read, and two centuries ahead.
        String tuesday = unique("tickets-desk") + ".csv";
        dropAndWait(tuesday, """
                ticket_id,account_id,opened_at,solved_at,priority,status,subject
                T-1,%1$s,1762164000,9762164000,P2,solved,Export fails
                """.formatted(acme));

        assertThat(deadLettersFrom(tuesday)).singleElement().satisfies(letter -> {
            assertThat(letter.line()).isEqualTo(2);
            assertThat(letter.reason()).isEqualTo("solvedAt: '9762164000' is 2279-05-09T00:13:20Z, not between"
                    + " 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z");
        });
        assertThat(signalsOf(acme)).containsExactly(acme + ":T-1:opened");
        assertThat(tickets(acme)).containsExactly(Map.of("ticket_id", "T-1", "status", "OPEN"));
    }

    /**
     * A CS team's help desk reopens tickets: one desk clears {@code solved_at} and writes no time for the reopen
     * (T-1), another keeps the old {@code solved_at} and says when the ticket changed (T-2, as Zendesk exports do).
     */
    @Test
    void givenATicketSolvedAndOpenAgainInALaterExport_thenItCountsAsOpenAgain_andItsNextSolveIsRecorded_andTheSameExportTwiceAddsNothing()
            throws IOException {
        String acme = existingAccount("Reopened Tickets");
        dropAndWait(unique("tickets-desk") + ".csv", DESK_HEADER + """
                T-1,%1$s,2026-11-01T10:00:00Z,2026-11-02T16:00:00Z,,P1,solved,Export fails
                T-2,%1$s,2026-11-01T11:00:00Z,2026-11-02T17:00:00Z,2026-11-02T17:00:00Z,P2,solved,Slow dashboard
                """.formatted(acme));
        assertThat(tickets(acme)).containsExactly(Map.of("ticket_id", "T-1", "status", "SOLVED"),
                Map.of("ticket_id", "T-2", "status", "SOLVED"));

        // the next export: both open again
        String reopened = DESK_HEADER + """
                T-1,%1$s,2026-11-01T10:00:00Z,,,P1,open,Export fails
                T-2,%1$s,2026-11-01T11:00:00Z,2026-11-02T17:00:00Z,2026-11-03T09:30:00Z,P2,open,Slow dashboard
                """.formatted(acme);
        String tuesday = unique("tickets-desk") + ".csv";
        Instant tuesdayNoon = Instant.parse("2026-11-03T12:00:00Z");
        dropAndWait(tuesday, reopened, tuesdayNoon);

        assertThat(tickets(acme)).containsExactly(Map.of("ticket_id", "T-1", "status", "OPEN"),
                Map.of("ticket_id", "T-2", "status", "OPEN"));
        assertThat(deadLettersFrom(tuesday)).as("a stale solved_at on an open ticket is no mistake").isEmpty();
        List<String> afterReopen = List.of(acme + ":T-1:opened", acme + ":T-2:opened", acme + ":T-1:solved",
                acme + ":T-2:solved", acme + ":T-1:reopened:2026-11-02T16:00:00Z", acme + ":T-2:reopened:2026-11-02T17:00:00Z");
        assertThat(signalsOf(acme)).containsExactlyInAnyOrderElementsOf(afterReopen);
        assertThat(occurredAt(acme + ":T-2:reopened:2026-11-02T17:00:00Z")).as("the row's updated_at")
                .isEqualTo(Instant.parse("2026-11-03T09:30:00Z"));
        assertThat(occurredAt(acme + ":T-1:reopened:2026-11-02T16:00:00Z")).as("no reopen time in the row: the export's")
                .isEqualTo(tuesdayNoon);
        TicketLoad load = facts.load(accounts.find(acme).orElseThrow(), TestClock.get().instant()).tickets();
        assertThat(load.openP1()).isEqualTo(1);
        assertThat(load.openP2()).isEqualTo(1);

        // the same export read again
        String again = unique("tickets-desk") + ".csv";
        dropAndWait(again, reopened, Instant.parse("2026-11-03T18:00:00Z"));
        assertThat(deadLettersFrom(again)).isEmpty();
        assertThat(signalsOf(acme)).containsExactlyInAnyOrderElementsOf(afterReopen);

        // and the day after: T-1 solved again, T-2 still open
        String wednesday = unique("tickets-desk") + ".csv";
        dropAndWait(wednesday, DESK_HEADER + """
                T-1,%1$s,2026-11-01T10:00:00Z,2026-11-04T09:00:00Z,,P1,solved,Export fails
                T-2,%1$s,2026-11-01T11:00:00Z,2026-11-02T17:00:00Z,2026-11-03T09:30:00Z,P2,open,Slow dashboard
                """.formatted(acme));
        assertThat(deadLettersFrom(wednesday)).isEmpty();
        assertThat(signalsOf(acme)).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(afterReopen.stream(), java.util.stream.Stream.of(acme + ":T-1:solved:2026-11-04T09:00:00Z")).toList());
        assertThat(tickets(acme)).containsExactly(Map.of("ticket_id", "T-1", "status", "SOLVED"),
                Map.of("ticket_id", "T-2", "status", "OPEN"));
        TicketLoad after = facts.load(accounts.find(acme).orElseThrow(), TestClock.get().instant()).tickets();
        assertThat(after.openP1()).isZero();
        assertThat(after.openP2()).isEqualTo(1);
    }

    /** An account whose P1 ticket T-1, opened on Sunday 1 November, was solved on Monday, as that evening's export says. */
    private String ticketSolvedOnMonday(String name) throws IOException {
        String acme = existingAccount(name);
        dropAndWait(unique("tickets-desk") + ".csv", DESK_HEADER + """
                T-1,%1$s,2026-11-01T10:00:00Z,2026-11-02T16:00:00Z,2026-11-02T16:00:00Z,P1,solved,Export fails
                """.formatted(acme), Instant.parse("2026-11-02T18:00:00Z"));
        return acme;
    }

    /** Wednesday's export solves T-1 again: it closes the ticket, and the account has no open P1. */
    private void solvedAgainOnWednesday(String acme) throws IOException {
        dropAndWait(unique("tickets-desk") + ".csv", DESK_HEADER + """
                T-1,%1$s,2026-11-01T10:00:00Z,2026-11-04T09:00:00Z,2026-11-04T09:00:00Z,P1,solved,Export fails
                """.formatted(acme), Instant.parse("2026-11-04T10:00:00Z"));

        assertThat(tickets(acme)).containsExactly(Map.of("ticket_id", "T-1", "status", "SOLVED"));
        assertThat(facts.load(accounts.find(acme).orElseThrow(), TestClock.get().instant()).tickets().openP1()).isZero();
    }

    /**
     * A reopened row whose updated_at is mistyped decades ahead (2062 for 2026). Before, the reopen was dated then: the
     * ticket's latest change for forty years, so no later solve closed it and it counted as an open P1 until 2062. A row
     * cannot have changed after its export was written: the reopen is dated by the export's time.
     */
    @Test
    void givenAReopenedRowWhoseUpdatedAtIsYearsAhead_thenTheReopenIsDatedWhenTheExportWasWritten_andTheNextSolveClosesTheTicket()
            throws IOException {
        String acme = ticketSolvedOnMonday("Mistyped Reopen");
        Instant tuesdayNoon = Instant.parse("2026-11-03T12:00:00Z");
        String tuesday = unique("tickets-desk") + ".csv";
        dropAndWait(tuesday, DESK_HEADER + """
                T-1,%1$s,2026-11-01T10:00:00Z,2026-11-02T16:00:00Z,2062-11-03T09:30:00Z,P1,open,Export fails
                """.formatted(acme), tuesdayNoon);

        assertThat(deadLettersFrom(tuesday)).isEmpty();
        assertThat(tickets(acme)).containsExactly(Map.of("ticket_id", "T-1", "status", "OPEN"));
        assertThat(occurredAt(acme + ":T-1:reopened:2026-11-02T16:00:00Z")).isEqualTo(tuesdayNoon);

        solvedAgainOnWednesday(acme);
    }

    /**
     * A reopened row (Zendesk keeps the solve on it) whose solved_at is mistyped decades ahead (2062 for 2026), and a new
     * ticket's opened_at so mistyped. Before, the solve and its reopen were stored in 2062, the ticket's latest change
     * until then: the next real solve did not close it, and it counted as an open P1 for forty years. A row cannot tell
     * of what has not happened yet: such a row is refused naming the field, and the ticket is as it was.
     */
    @Test
    void givenARowWhoseSolvedAtOrOpenedAtIsYearsAhead_thenItIsADeadLetterNamingTheField_andTheNextSolveClosesTheTicket()
            throws IOException {
        String acme = ticketSolvedOnMonday("Mistyped Solve");
        String tuesday = unique("tickets-desk") + ".csv";
        dropAndWait(tuesday, DESK_HEADER + """
                T-1,%1$s,2026-11-01T10:00:00Z,2062-11-02T16:00:00Z,2026-11-03T09:30:00Z,P1,open,Export fails
                T-2,%1$s,2062-11-03T08:00:00Z,,,P1,open,Login fails
                """.formatted(acme), Instant.parse("2026-11-03T12:00:00Z"));

        assertThat(deadLettersFrom(tuesday)).satisfiesExactly(letter -> {
            assertThat(letter.line()).isEqualTo(2);
            assertThat(letter.reason()).startsWith("solvedAt: '2062-11-02T16:00:00Z' is ahead of now (")
                    .endsWith("): a ticket is as its latest change says, so one dated ahead would stand until then; send it once it"
                            + " has happened (is the year mistyped?)");
        }, letter -> {
            assertThat(letter.line()).isEqualTo(3);
            assertThat(letter.reason()).startsWith("openedAt: '2062-11-03T08:00:00Z' is ahead of now (");
        });
        assertThat(signalsOf(acme)).containsExactly(acme + ":T-1:opened", acme + ":T-1:solved");

        dropAndWait(unique("tickets-desk") + ".csv", DESK_HEADER + """
                T-1,%1$s,2026-11-01T10:00:00Z,2026-11-02T16:00:00Z,2026-11-03T13:00:00Z,P1,open,Export fails
                """.formatted(acme), Instant.parse("2026-11-03T14:00:00Z"));
        solvedAgainOnWednesday(acme);
    }

    /**
     * A ticket row is two or three signals under the row's one label: the engine refuses each for the same field. Before,
     * the line's dead letter said so once per signal ("subject: ...; subject: ..."; a reopened row three times).
     */
    @Test
    void givenTicketRowsTheEngineRefuses_thenEachIsADeadLetterSayingWhyOnce_andTheRowsAroundThemAreStored() throws IOException {
        String acme = existingAccount("Refused Rows");
        String file = unique("tickets-desk") + ".csv";
        dropAndWait(file, "ticket_id,account_id,opened_at,solved_at,priority,status,subject\n"
                + "T-1,%1$s,2026-11-01T10:00:00Z,,P2,open,Slow dashboard\n".formatted(acme)
                + "T-2,%1$s,2026-11-01T10:00:00Z,2026-11-02T10:00:00Z,P1,open,%2$s\n".formatted(acme, "x".repeat(10_001))
                + "T-3,no-such-account,2026-11-01T10:00:00Z,2026-11-02T10:00:00Z,P1,solved,Export fails\n"
                + "T-4,%1$s,2026-11-01T10:00:00Z,2026-11-02T10:00:00Z,P3,solved,Invoice question\n".formatted(acme));

        assertThat(deadLettersFrom(file)).extracting(DeadLetter::line, DeadLetter::reason).containsExactly(
                tuple(3, "subject: is 10001 characters long; at most 10000"),
                tuple(4, "accountId: unknown account 'no-such-account'"));
        assertThat(signalsOf(acme)).containsExactly(acme + ":T-1:opened", acme + ":T-4:opened", acme + ":T-4:solved");
    }

    private Instant occurredAt(String externalId) {
        return jdbc.sql("SELECT occurred_at FROM signal WHERE external_id = ?").param(externalId)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private List<Map<String, Object>> tickets(String accountId) {
        return jdbc.sql("SELECT ticket_id, status FROM ticket WHERE account_id = ? ORDER BY ticket_id").param(accountId)
                .query().listOfRows();
    }
}
