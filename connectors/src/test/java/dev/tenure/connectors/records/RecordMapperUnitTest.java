package dev.tenure.connectors.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RecordMapperUnitTest {

    private final ObjectMapper json = new ObjectMapper();
    private final RecordMapper mapper = new RecordMapper();

    private Mapping map(RecordKind kind, String record) {
        try {
            return mapper.map(kind, "rec", json.readTree(record), "webhook");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Instant occurredAt(String time) {
        return ((UsageSignal) mapped(map(RecordKind.USAGE, """
                {"eventId":"u-1","accountId":"acme","occurredAt":"%s","feature":"core"}""".formatted(time)))).occurredAt();
    }

    private static Object mapped(Mapping mapping) {
        assertThat(mapping.errors()).isEmpty();
        return mapping.record();
    }

    @Nested
    class Accounts {

        @Test
        void anAccountWithOnlyTheRequiredFieldsHasNoStage() {
            // No stage: the store starts a new account ONBOARDING and keeps a stored one's stage (a churned one stays churned).
            Account account = (Account) mapped(map(RecordKind.ACCOUNTS,
                    "{\"id\":\"acme\",\"name\":\"Acme\",\"segment\":\"high_touch\"}"));

            assertThat(account).isEqualTo(new Account("acme", "Acme", Segment.HIGH_TOUCH, null,
                    null, null, null, null, null, null));
        }

        @Test
        void everyFieldIsRead() {
            Account account = (Account) mapped(map(RecordKind.ACCOUNTS, """
                    {"id":"acme","name":"Acme","segment":"Low Touch","stage":"renewal","csm":"kim@tenure.example",
                     "arr":"120000.50","plan":"Scale","startedOn":"2025-01-15","renewalOn":"2026-01-15",
                     "timezone":"Europe/Paris"}"""));

            assertThat(account).isEqualTo(new Account("acme", "Acme", Segment.LOW_TOUCH, Stage.RENEWAL,
                    "kim@tenure.example", new BigDecimal("120000.50"), "Scale", LocalDate.of(2025, 1, 15),
                    LocalDate.of(2026, 1, 15), "Europe/Paris"));
        }

        @Test
        void allErrorsOfARecordAreReportedAtOnce() {
            Mapping mapping = map(RecordKind.ACCOUNTS, """
                    {"name":"  ","segment":"GOLD","csm":"kim","arr":"abc","startedOn":"2026-13-01",
                     "timezone":"Mars/Olympus"}""");

            assertThat(mapping.valid()).isFalse();
            assertThat(mapping.errors()).extracting(RecordError::record, RecordError::field, RecordError::message)
                    .containsExactly(
                            tuple("rec", "id", "missing"),
                            tuple("rec", "name", "missing"),
                            tuple("rec", "segment", "'GOLD' is not one of HIGH_TOUCH, LOW_TOUCH, TECH_TOUCH"),
                            tuple("rec", "csm", "'kim' is not an email address"),
                            tuple("rec", "arr", "'abc' is not a number"),
                            tuple("rec", "startedOn", "'2026-13-01' is not a date (yyyy-MM-dd)"),
                            tuple("rec", "timezone", "'Mars/Olympus' is not a time zone (IANA id like Europe/Paris)"));
        }
    }

    @Nested
    class Contacts {

        @Test
        void aContactIsActiveAndSubscribedUnlessSaidOtherwise() {
            Contact contact = (Contact) mapped(map(RecordKind.CONTACTS,
                    "{\"accountId\":\"acme\",\"email\":\"ana@acme.example\",\"role\":\"exec_sponsor\"}"));

            assertThat(contact).isEqualTo(new Contact("acme", "ana@acme.example", null, ContactRole.EXEC_SPONSOR,
                    null, true, false));
        }

        @Test
        void flagsAreReadFromTextAsSpreadsheetsWriteThem() {
            Contact contact = (Contact) mapped(map(RecordKind.CONTACTS, """
                    {"accountId":"acme","email":"ana@acme.example","role":"CHAMPION","active":"FALSE",
                     "unsubscribed":true}"""));

            assertThat(contact.active()).isFalse();
            assertThat(contact.unsubscribed()).isTrue();
        }

        @Test
        void aBadEmailRoleAndFlagAreNamed() {
            Mapping mapping = map(RecordKind.CONTACTS,
                    "{\"accountId\":\"acme\",\"email\":\"ana\",\"role\":\"boss\",\"active\":\"yes\"}");

            assertThat(mapping.errors()).extracting(RecordError::field, RecordError::message).containsExactly(
                    tuple("email", "'ana' is not an email address"),
                    tuple("role", "'boss' is not one of CHAMPION, EXEC_SPONSOR, ADMIN, BILLING, USER"),
                    tuple("active", "'yes' is not true or false"));
        }
    }

    @Nested
    class Addresses {

        @ParameterizedTest(name = "a contact''s email {0} is refused, naming email")
        @ValueSource(strings = {"a @acme.example", "ana@acme@example", "ana@acme.example,bo@acme.example", "ana@acme.example; bo@acme.example",
                "<ana@acme.example>", "Ana <ana@acme.example>", "ana@\u00a0acme.example"})
        void anEmailThatIsSeveralAddressesOrNoneIsRefusedNamingTheField(String email) {
            Mapping mapping = map(RecordKind.CONTACTS, "{\"accountId\":\"acme\",\"email\":" + json(email) + ",\"role\":\"CHAMPION\"}");

            assertThat(mapping.errors()).extracting(RecordError::field, RecordError::message)
                    .containsExactly(tuple("email", "'" + email + "' is not an email address"));
        }

        @Test
        void aCsmWhoIsTwoPeopleIsRefusedNamingCsm() {
            Mapping mapping = map(RecordKind.ACCOUNTS,
                    "{\"id\":\"acme\",\"name\":\"Acme\",\"segment\":\"HIGH_TOUCH\",\"csm\":\"kim@tenure.example,lee@tenure.example\"}");

            assertThat(mapping.errors()).extracting(RecordError::field, RecordError::message)
                    .containsExactly(tuple("csm", "'kim@tenure.example,lee@tenure.example' is not an email address"));
        }

        @Test
        void anAddressInAnotherScriptIsOneAddress() {
            Contact contact = (Contact) mapped(map(RecordKind.CONTACTS,
                    "{\"accountId\":\"acme\",\"email\":\"jos\u00e9@b\u00fccher.example\",\"role\":\"CHAMPION\"}"));

            assertThat(contact.email()).isEqualTo("jos\u00e9@b\u00fccher.example");
        }

        private static String json(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    @Nested
    class Usage {

        @Test
        void aDateMeansMidnightUtcAndCountsHaveDefaults() {
            UsageSignal usage = (UsageSignal) mapped(map(RecordKind.USAGE,
                    "{\"eventId\":\"u-1\",\"accountId\":\"acme\",\"occurredAt\":\"2026-11-01\",\"feature\":\"core\"}"));

            assertThat(usage).isEqualTo(new UsageSignal("webhook", "u-1", "acme",
                    Instant.parse("2026-11-01T00:00:00Z"), "core", 1, 0));
        }

        @Test
        void instantsWithOffsetsAndJsonNumbersAreRead() {
            UsageSignal usage = (UsageSignal) mapped(map(RecordKind.USAGE, """
                    {"eventId":"u-1","accountId":"acme","occurredAt":"2026-11-01T12:00:00+02:00","feature":"core",
                     "quantity":42,"activeUsers":"7","source":"segment"}"""));

            assertThat(usage.occurredAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(usage.quantity()).isEqualTo(42);
            assertThat(usage.activeUsers()).isEqualTo(7);
            assertThat(usage.source()).as("a record may name its own source").isEqualTo("segment");
        }

        @Test
        void badTimesAndCountsAreNamed() {
            Mapping mapping = map(RecordKind.USAGE, """
                    {"accountId":"acme","occurredAt":"yesterday","feature":"core","quantity":"1.5",
                     "activeUsers":"-3"}""");

            assertThat(mapping.errors()).extracting(RecordError::field, RecordError::message).containsExactly(
                    tuple("eventId", "missing"),
                    tuple("occurredAt", "'yesterday' is not a time (ISO-8601 like 2026-11-01T10:00:00Z, or yyyy-MM-dd; also"
                            + " 2026-11-01 10:00:00+0100, and seconds or milliseconds since 1970; a time needs its zone)"),
                    tuple("quantity", "'1.5' is not a whole number"),
                    tuple("activeUsers", "'-3' is less than 0"));
        }

        @Test
        void allDigitsOfAnotherLengthThanSecondsOrMilliseconds_areRefusedNamingTheFieldAndTheFormsToWrite() {
            Mapping daily = map(RecordKind.USAGE, """
                    {"eventId":"u-2","accountId":"acme","occurredAt":"20261101","feature":"core"}""");

            assertThat(daily.errors()).extracting(RecordError::field, RecordError::message).containsExactly(
                    tuple("occurredAt", "'20261101' is all digits, but not seconds (10 digits) or milliseconds (13 digits)"
                            + " since 1970; write a date as yyyy-MM-dd (2026-11-01) and a time as ISO-8601 with its zone"
                            + " (2026-11-01T10:00:00Z)"));
            // Ten digits are seconds whatever else they could be: a later year's real times must not be refused.
            assertThat(occurredAt("1793354400")).isEqualTo(Instant.parse("2026-10-30T10:00:00Z"));
            assertThat(occurredAt("1793354400000")).isEqualTo(Instant.parse("2026-10-30T10:00:00Z"));
            assertThat(occurredAt("2034031610")).isEqualTo(Instant.ofEpochSecond(2034031610L));
        }

        @Test
        void timesAsDatabasesAndHelpDeskApisWriteThemAreRead() {
            // PostgreSQL and Redshift print an offset of whole hours as +00; Jira writes +0000 after milliseconds;
            // ISO-8601 takes a lowercase t and z and an offset with seconds, as exports read before did.
            assertThat(occurredAt("2026-11-01 10:00:00+00")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(occurredAt("2026-11-01 15:30:00.123456+05:30")).isEqualTo(Instant.parse("2026-11-01T10:00:00.123456Z"));
            assertThat(occurredAt("2026-11-01 05:00:00-05")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(occurredAt("2026-11-01T10:00:00.000+0000")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(occurredAt("2026-11-01t10:00:00z")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(occurredAt("2026-11-01T10:00:00 z")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(occurredAt("2026-11-01T15:30:00+05:30:00")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(occurredAt("2026-11-01T10:00:00-00:00")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        }

        @Test
        void anOffsetNoClockHasOrHalfWrittenIsRefusedNotGuessed() {
            for (String time : new String[] {"2026-11-01T10:00:00+19:00", "2026-11-01T10:00:00+05:3000", "2026-11-01T10:00:00+5",
                    "2026-11-01T10:00:00+05:75", "2026-11-01 10:00:00\\n+0000", "2026-11-01 10:00:00 UTC+1"}) {
                Mapping mapping = map(RecordKind.USAGE, """
                        {"eventId":"u-1","accountId":"acme","occurredAt":"%s","feature":"core"}""".formatted(time));

                assertThat(mapping.errors()).as(time).extracting(RecordError::field).containsExactly("occurredAt");
            }
        }

        @Test
        void aTimeWithoutZoneIsRefusedRatherThanGuessed() {
            Mapping mapping = map(RecordKind.USAGE,
                    "{\"eventId\":\"u-1\",\"accountId\":\"acme\",\"occurredAt\":\"2026-11-01T10:00:00\",\"feature\":\"core\"}");

            assertThat(mapping.errors()).extracting(RecordError::field).containsExactly("occurredAt");
        }
    }

    @Test
    void aTicketWithAnUnknownPriorityIsRefused() {
        Mapping mapping = map(RecordKind.TICKETS, """
                {"eventId":"t-1","accountId":"acme","occurredAt":"2026-11-01T10:00:00Z","ticketId":"T-9",
                 "priority":"P7","status":"open"}""");

        assertThat(mapping.errors()).extracting(RecordError::field, RecordError::message)
                .containsExactly(tuple("priority", "'P7' is not one of P1, P2, P3, P4 (or a help desk's word: critical, high,"
                        + " highest, low, lowest, medium, normal, urgent)"));
    }

    @Test
    void aHelpDeskExport_isReadWithItsOwnWordsAndTimes() {
        TicketSignal zendesk = (TicketSignal) mapped(map(RecordKind.TICKETS, """
                {"eventId":"t-1","accountId":"acme","occurredAt":"2026-11-03 10:00:00+0000","ticketId":"T-9",
                 "priority":"Urgent","status":"On-hold"}"""));
        TicketSignal freshdesk = (TicketSignal) mapped(map(RecordKind.TICKETS, """
                {"eventId":"t-2","accountId":"acme","occurredAt":"1762164000","ticketId":"T-10",
                 "priority":"Medium","status":"Resolved"}"""));

        assertThat(zendesk.occurredAt()).isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
        assertThat(zendesk.priority()).isEqualTo(TicketPriority.P1);
        assertThat(zendesk.status()).isEqualTo(TicketStatus.PENDING);
        assertThat(freshdesk.occurredAt()).isEqualTo(Instant.ofEpochSecond(1762164000L));
        assertThat(freshdesk.priority()).isEqualTo(TicketPriority.P3);
        assertThat(freshdesk.status()).isEqualTo(TicketStatus.SOLVED);
    }

    @Test
    void aHelpDeskWord_isReadWhateverItsCaseAndSeparators_asTenuresOwnNamesAre() {
        assertThat(ticket("URGENT", "on_hold")).containsExactly(TicketPriority.P1, TicketStatus.PENDING);
        assertThat(ticket("Medium", "In-Progress")).containsExactly(TicketPriority.P3, TicketStatus.OPEN);
        assertThat(ticket("low", "Waiting  on - Customer")).containsExactly(TicketPriority.P4, TicketStatus.PENDING);
        assertThat(ticket("p1", "Solved")).containsExactly(TicketPriority.P1, TicketStatus.SOLVED);
    }

    @Test
    void aLookAlikeOfAWord_aNumberOrAWordCutShort_isRefusedNotReadAsTheWordItResembles() {
        // A long s and a dotless i upper-case to S and I; Freshdesk's API numbers its priorities from 1 = low up.
        for (String[] sent : new String[][] {{"urgent", "\u017folved"}, {"urgent", "pend\u0131ng"}, {"\uff35rgent", "open"},
                {"1", "open"}, {"high_", "open"}, {"urgent", "-open"}}) {
            Mapping mapping = map(RecordKind.TICKETS, """
                    {"eventId":"t-1","accountId":"acme","occurredAt":"2026-11-01T10:00:00Z","ticketId":"T-9",
                     "priority":"%s","status":"%s"}""".formatted(sent[0], sent[1]));

            assertThat(mapping.errors()).as(String.join(" ", sent)).extracting(RecordError::field).containsExactly(
                    sent[0].equals("urgent") ? "status" : "priority");
        }
        Mapping account = map(RecordKind.ACCOUNTS, "{\"id\":\"acme\",\"name\":\"Acme\",\"segment\":\"h\u0131gh touch\"}");
        assertThat(account.errors()).extracting(RecordError::field).containsExactly("segment");
    }

    @Test
    void theStatusesOfCommonHelpDesks_areReadByWhoseTurnItIs() {
        // Jira Service Management's service desk workflow
        assertThat(status("Waiting for customer")).isEqualTo(TicketStatus.PENDING);
        assertThat(status("Waiting for support")).isEqualTo(TicketStatus.OPEN);
        assertThat(status("Work in progress")).isEqualTo(TicketStatus.OPEN);
        assertThat(status("Escalated")).isEqualTo(TicketStatus.OPEN);
        // HubSpot's default ticket pipeline
        assertThat(status("Waiting on contact")).isEqualTo(TicketStatus.PENDING);
        assertThat(status("Waiting on us")).isEqualTo(TicketStatus.OPEN);
        // Freshdesk
        assertThat(status("Waiting on Third Party")).isEqualTo(TicketStatus.PENDING);
        // Intercom: a conversation is snoozed; a ticket is submitted, in_progress, waiting_on_customer, resolved
        assertThat(status("snoozed")).isEqualTo(TicketStatus.PENDING);
        assertThat(status("submitted")).isEqualTo(TicketStatus.OPEN);
        assertThat(status("waiting_on_customer")).isEqualTo(TicketStatus.PENDING);
    }

    private TicketStatus status(String word) {
        return (TicketStatus) ticket("P3", word).get(1);
    }

    private List<Enum<?>> ticket(String priority, String status) {
        TicketSignal ticket = (TicketSignal) mapped(map(RecordKind.TICKETS, """
                {"eventId":"t-1","accountId":"acme","occurredAt":"2026-11-01T10:00:00Z","ticketId":"T-9",
                 "priority":"%s","status":"%s"}""".formatted(priority, status)));
        return List.of(ticket.priority(), ticket.status());
    }

    @Test
    void aTicketIsRead() {
        TicketSignal ticket = (TicketSignal) mapped(map(RecordKind.TICKETS, """
                {"eventId":"t-1","accountId":"acme","occurredAt":"2026-11-01T10:00:00Z","ticketId":"T-9",
                 "priority":"p1","status":"PENDING","subject":"Export broken"}"""));

        assertThat(ticket).isEqualTo(new TicketSignal("webhook", "t-1", "acme", Instant.parse("2026-11-01T10:00:00Z"),
                "T-9", TicketPriority.P1, TicketStatus.PENDING, "Export broken"));
    }

    @Test
    void aRowPerTicket_isItsOpenedSignal_andItsSolvedSignalOnceSolved_withIdsFromTheTicket() {
        Mapping open = map(RecordKind.TICKETS, """
                {"accountId":"acme","ticketId":"T-9","openedAt":"2026-11-01T10:00:00Z","priority":"P2",
                 "status":"pending","subject":"Export broken"}""");
        Mapping solved = map(RecordKind.TICKETS, """
                {"accountId":"acme","ticketId":"T-9","openedAt":"2026-11-01T10:00:00Z","solvedAt":"2026-11-03",
                 "priority":"P2","subject":"Export broken"}""");

        assertThat(open.records()).containsExactly(new TicketSignal("webhook", "acme:T-9:opened", "acme",
                Instant.parse("2026-11-01T10:00:00Z"), "T-9", TicketPriority.P2, TicketStatus.PENDING, "Export broken"));
        assertThat(solved.records()).containsExactly(
                new TicketSignal("webhook", "acme:T-9:opened", "acme", Instant.parse("2026-11-01T10:00:00Z"), "T-9",
                        TicketPriority.P2, TicketStatus.OPEN, "Export broken"),
                new TicketSignal("webhook", "acme:T-9:solved", "acme", Instant.parse("2026-11-03T00:00:00Z"), "T-9",
                        TicketPriority.P2, TicketStatus.SOLVED, "Export broken"));
    }

    /** Zendesk keeps solved_at on a reopened ticket: the row is the solve, and the reopen after it. */
    @Test
    void aRowPerTicket_openWithTheTimeOfAnEarlierSolve_isThatSolveAndAReopenAfterIt_atItsUpdatedAtElseWhenTheExportWasWritten() {
        Instant now = Instant.parse("2026-11-10T12:00:00Z");
        RecordMapper mapper = new RecordMapper(RespondentAccounts.NONE, KnownTickets.NONE, Clock.fixed(now, ZoneOffset.UTC));
        String row = """
                {"accountId":"acme","ticketId":"T-9","openedAt":"2026-11-01","solvedAt":"2026-11-02","priority":"P2","status":"open"%s}""";

        Mapping updated = mapper.map(RecordKind.TICKETS, "rec", tree(row.formatted(",\"updatedAt\":\"2026-11-04T08:00:00Z\"")), "file",
                Instant.parse("2026-11-05T00:00:00Z"));
        Mapping written = mapper.map(RecordKind.TICKETS, "rec", tree(row.formatted("")), "file", Instant.parse("2026-11-05T00:00:00Z"));
        Mapping unknownTime = mapper.map(RecordKind.TICKETS, "rec", tree(row.formatted("")), "webhook");

        assertThat(updated.errors()).isEmpty();
        assertThat(updated.records()).containsExactly(
                new TicketSignal("file", "acme:T-9:opened", "acme", Instant.parse("2026-11-01T00:00:00Z"), "T-9", TicketPriority.P2,
                        TicketStatus.OPEN, null),
                new TicketSignal("file", "acme:T-9:solved", "acme", Instant.parse("2026-11-02T00:00:00Z"), "T-9", TicketPriority.P2,
                        TicketStatus.SOLVED, null),
                new TicketSignal("file", "acme:T-9:reopened:2026-11-02T00:00:00Z", "acme", Instant.parse("2026-11-04T08:00:00Z"),
                        "T-9", TicketPriority.P2, TicketStatus.OPEN, null));
        assertThat(((TicketSignal) written.records().get(2)).occurredAt()).isEqualTo(Instant.parse("2026-11-05T00:00:00Z"));
        assertThat(((TicketSignal) unknownTime.records().get(2)).occurredAt()).isEqualTo(now);
    }

    /**
     * A row (a webhook's, a JDBC poll's, a file's) cannot tell of a solve or an opening after now: beyond a fast clock's few
     * minutes such a time is refused naming the field, since it would be the ticket's latest change until then and no
     * real solve before it could close the ticket. An updatedAt that far ahead only dates a reopen, and is taken as now.
     */
    @Test
    void aRowPerTicket_solvedOrOpenedAfterItWasSent_isRefusedNamingTheField_withinAFastClocksMinutesItIsTaken() {
        Instant now = Instant.parse("2026-11-10T12:00:00Z");
        RecordMapper mapper = new RecordMapper(RespondentAccounts.NONE, KnownTickets.NONE, Clock.fixed(now, ZoneOffset.UTC));
        String row = """
                {"accountId":"acme","ticketId":"T-9","openedAt":"%s","solvedAt":"%s","updatedAt":"2027-11-10T12:00:00Z","priority":"P2","status":"open"}""";

        Mapping fastClock = mapper.map(RecordKind.TICKETS, "rec", tree(row.formatted("2026-11-01", "2026-11-10T12:04:00Z")), "webhook");
        Mapping solvedAhead = mapper.map(RecordKind.TICKETS, "rec", tree(row.formatted("2026-11-01", "2036-11-10T12:00:00Z")), "webhook");
        Mapping openedAhead = mapper.map(RecordKind.TICKETS, "rec", tree(row.formatted("2026-11-10T12:06:00Z", "2026-11-10T12:07:00Z")), "webhook");

        assertThat(fastClock.errors()).isEmpty();
        assertThat(fastClock.records()).extracting(r -> ((TicketSignal) r).occurredAt()).containsExactly(
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-10T12:04:00Z"), Instant.parse("2026-11-10T12:04:00Z"));
        assertThat(solvedAhead.errors()).extracting(RecordError::field, RecordError::message).containsExactly(tuple("solvedAt",
                "'2036-11-10T12:00:00Z' is ahead of now (2026-11-10T12:00:00Z): a ticket is as its latest change says, so one dated"
                        + " ahead would stand until then; send it once it has happened (is the year mistyped?)"));
        assertThat(openedAhead.errors()).extracting(RecordError::field).containsExactly("openedAt", "solvedAt");
    }

    /**
     * A ticket event (a webhook's, a help desk's) dated ahead of now: the ticket's stored status is its latest change, so
     * an OPEN dated 2062 stood until then and no solve before it could close the ticket. Refused naming occurredAt; a
     * fast clock's few minutes ahead are taken.
     */
    @Test
    void aTicketEventDatedAheadOfNow_isRefusedNamingOccurredAt_withinAFastClocksMinutesItIsTaken() {
        Instant now = Instant.parse("2026-11-10T12:00:00Z");
        RecordMapper mapper = new RecordMapper(RespondentAccounts.NONE, KnownTickets.NONE, Clock.fixed(now, ZoneOffset.UTC));
        String event = """
                {"eventId":"t-1","accountId":"acme","occurredAt":"%s","ticketId":"T-9","priority":"P1","status":"OPEN"}""";

        Mapping ahead = mapper.map(RecordKind.TICKETS, "rec", tree(event.formatted("2062-11-10T12:00:00Z")), "webhook");
        Mapping fastClock = mapper.map(RecordKind.TICKETS, "rec", tree(event.formatted("2026-11-10T12:04:00Z")), "webhook");

        assertThat(ahead.errors()).extracting(RecordError::field, RecordError::message).containsExactly(tuple("occurredAt",
                "'2062-11-10T12:00:00Z' is ahead of now (2026-11-10T12:00:00Z): a ticket is as its latest change says, so one"
                        + " dated ahead would stand until then; send it once it has happened (is the year mistyped?)"));
        assertThat(fastClock.errors()).isEmpty();
    }

    /**
     * An Auckland help desk's morning export: at 09:00 on 11 November there (20:00 UTC on the 10th), a ticket opened
     * "2026-11-11" is today's, though a bare date reads as midnight UTC, four hours ahead. A bare date is taken once its
     * day has begun in some zone; the day after, and a full time as far ahead, are still refused.
     */
    @Test
    void aBareDateOfToday_inAZoneAheadOfUtc_isTaken_theNextDayAndAFullTimeAsFarAheadAreNot() {
        Instant aucklandMorning = Instant.parse("2026-11-10T20:00:00Z");
        RecordMapper mapper = new RecordMapper(RespondentAccounts.NONE, KnownTickets.NONE, Clock.fixed(aucklandMorning, ZoneOffset.UTC));
        String row = """
                {"accountId":"acme","ticketId":"T-9","openedAt":"%s","priority":"P2","status":"open"}""";
        String event = """
                {"eventId":"t-1","accountId":"acme","occurredAt":"%s","ticketId":"T-9","priority":"P1","status":"OPEN"}""";

        assertThat(mapper.map(RecordKind.TICKETS, "rec", tree(row.formatted("2026-11-11")), "webhook").errors()).isEmpty();
        assertThat(mapper.map(RecordKind.TICKETS, "rec", tree(event.formatted("2026-11-11")), "webhook").errors()).isEmpty();
        assertThat(mapper.map(RecordKind.TICKETS, "rec", tree(row.formatted("2026-11-12")), "webhook").errors())
                .extracting(RecordError::field).containsExactly("openedAt");
        assertThat(mapper.map(RecordKind.TICKETS, "rec", tree(event.formatted("2026-11-11T00:00:00Z")), "webhook").errors())
                .extracting(RecordError::field).containsExactly("occurredAt");
    }

    /** A help desk that clears solved_at on a reopen: only the solve stored tells that the open row is news. */
    @Test
    void aRowPerTicket_openWithoutSolvedAt_reopensTheSolveStored_unlessTheRowIsOlderThanIt_andASolveAfterTheFirstHasAnIdOfItsOwn() {
        Instant solved = Instant.parse("2026-11-02T16:00:00Z");
        KnownTickets stored = (source, accountId, ticketId, firstSolveId) -> {
            assertThat(firstSolveId).isEqualTo("acme:T-9:solved");
            return new KnownTickets.Known(solved, solved);
        };
        RecordMapper mapper = new RecordMapper(RespondentAccounts.NONE, stored, Clock.fixed(Instant.parse("2026-11-10T12:00:00Z"), ZoneOffset.UTC));
        String open = """
                {"accountId":"acme","ticketId":"T-9","openedAt":"2026-11-01","priority":"P2","status":"open"}""";

        Mapping reopened = mapper.map(RecordKind.TICKETS, "rec", tree(open), "file", Instant.parse("2026-11-03T06:00:00Z"));
        Mapping olderExport = mapper.map(RecordKind.TICKETS, "rec", tree(open), "file", Instant.parse("2026-11-02T06:00:00Z"));
        Mapping solvedAgain = mapper.map(RecordKind.TICKETS, "rec", tree("""
                {"accountId":"acme","ticketId":"T-9","openedAt":"2026-11-01","solvedAt":"2026-11-04T09:00:00Z","priority":"P2"}"""), "file");
        Mapping firstSolveAgain = mapper.map(RecordKind.TICKETS, "rec", tree("""
                {"accountId":"acme","ticketId":"T-9","openedAt":"2026-11-01","solvedAt":"2026-11-02T16:00:00Z","priority":"P2"}"""), "file");

        assertThat(reopened.records()).extracting(r -> ((TicketSignal) r).externalId(), r -> ((TicketSignal) r).occurredAt(),
                r -> ((TicketSignal) r).status()).containsExactly(
                tuple("acme:T-9:opened", Instant.parse("2026-11-01T00:00:00Z"), TicketStatus.OPEN),
                tuple("acme:T-9:reopened:2026-11-02T16:00:00Z", Instant.parse("2026-11-03T06:00:00Z"), TicketStatus.OPEN));
        assertThat(olderExport.records()).extracting(r -> ((TicketSignal) r).externalId()).containsExactly("acme:T-9:opened");
        assertThat(solvedAgain.records()).extracting(r -> ((TicketSignal) r).externalId())
                .containsExactly("acme:T-9:opened", "acme:T-9:solved:2026-11-04T09:00:00Z");
        assertThat(firstSolveAgain.records()).extracting(r -> ((TicketSignal) r).externalId())
                .containsExactly("acme:T-9:opened", "acme:T-9:solved");
    }

    private JsonNode tree(String record) {
        try {
            return json.readTree(record);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aTimeNoSignalCanHave_isRefusedNamingTheFieldAsSent_andTheValueAsWrittenAndAsRead() {
        // Seconds since 1970 that are the year 2286, and milliseconds that are the first second of 1970.
        Mapping row = map(RecordKind.TICKETS, """
                {"accountId":"acme","ticketId":"T-7","openedAt":"9999999999","solvedAt":"0000000001000","priority":"high"}""");
        Mapping usage = map(RecordKind.USAGE, """
                {"eventId":"u-1","accountId":"acme","occurredAt":"1999-12-31T23:59:59Z","feature":"core"}""");

        assertThat(row.errors()).extracting(RecordError::field, RecordError::message).containsExactly(
                tuple("openedAt", "'9999999999' is 2286-11-20T17:46:39Z, not between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z"),
                tuple("solvedAt", "'0000000001000' is 1970-01-01T00:00:01Z, not between 2000-01-01T00:00:00Z and"
                        + " 2100-01-01T00:00:00Z"));
        assertThat(usage.errors()).extracting(RecordError::field, RecordError::message).containsExactly(
                tuple("occurredAt", "'1999-12-31T23:59:59Z' is not between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z"));
    }

    @Test
    void aRowPerTicket_whoseStatusAndSolvedAtDisagree_isRefusedNamingSolvedAt() {
        Mapping solvedNoTime = map(RecordKind.TICKETS, """
                {"accountId":"acme","ticketId":"T-9","openedAt":"2026-11-01","priority":"P2","status":"closed"}""");
        Mapping solvedFirst = map(RecordKind.TICKETS, """
                {"accountId":"acme","ticketId":"T-9","openedAt":"2026-11-05","solvedAt":"2026-11-02","priority":"P2"}""");
        Mapping noOpened = map(RecordKind.TICKETS, """
                {"accountId":"acme","ticketId":"T-9","solvedAt":"2026-11-02","priority":"P2"}""");

        assertThat(solvedNoTime.errors()).extracting(RecordError::field, RecordError::message)
                .containsExactly(tuple("solvedAt", "missing; a CLOSED ticket needs the time it was solved"));
        assertThat(solvedFirst.errors()).extracting(RecordError::field).containsExactly("solvedAt");
        Mapping tooLong = map(RecordKind.TICKETS, """
                {"accountId":"acme","ticketId":"%s","openedAt":"2026-11-01","priority":"P2"}""".formatted("T".repeat(195)));
        assertThat(tooLong.errors()).extracting(RecordError::field).containsExactly("ticketId");
        assertThat(noOpened.errors()).extracting(RecordError::record, RecordError::field, RecordError::message)
                .containsExactly(tuple("rec", "openedAt", "missing"));
    }

    @Test
    void billingDefaultsToDollarsAndChecksTheCurrency() {
        BillingSignal billing = (BillingSignal) mapped(map(RecordKind.BILLING, """
                {"eventId":"b-1","accountId":"acme","occurredAt":"2026-11-01","event":"payment_failed",
                 "amount":"99.90","invoiceId":"INV-1"}"""));
        Mapping badCurrency = map(RecordKind.BILLING, """
                {"eventId":"b-2","accountId":"acme","occurredAt":"2026-11-01","event":"INVOICE_PAID",
                 "currency":"EURO"}""");

        assertThat(billing).isEqualTo(new BillingSignal("webhook", "b-1", "acme", Instant.parse("2026-11-01T00:00:00Z"),
                BillingEvent.PAYMENT_FAILED, new BigDecimal("99.90"), "USD", "INV-1"));
        assertThat(badCurrency.errors()).extracting(RecordError::message)
                .containsExactly("'EURO' is not a currency code (ISO 4217 like USD)");
    }

    @Test
    void anNpsScoreIsRequiredAndBetweenZeroAndTen() {
        NpsSignal nps = (NpsSignal) mapped(map(RecordKind.NPS, """
                {"eventId":"n-1","accountId":"acme","occurredAt":"2026-11-01","score":"3",
                 "contactEmail":"ana@acme.example","comment":"Slow"}"""));
        Mapping tooHigh = map(RecordKind.NPS,
                "{\"eventId\":\"n-2\",\"accountId\":\"acme\",\"occurredAt\":\"2026-11-01\",\"score\":11}");
        Mapping missing = map(RecordKind.NPS, "{\"eventId\":\"n-3\",\"accountId\":\"acme\",\"occurredAt\":\"2026-11-01\"}");

        assertThat(nps.score()).isEqualTo(3);
        assertThat(nps.contactEmail()).isEqualTo("ana@acme.example");
        assertThat(tooHigh.errors()).extracting(RecordError::field, RecordError::message)
                .containsExactly(tuple("score", "'11' is not between 0 and 10"));
        assertThat(missing.errors()).extracting(RecordError::field, RecordError::message)
                .containsExactly(tuple("score", "missing"));
    }

    @Test
    void aCsatAnswerIsOneToFiveWithAnOptionalTicket() {
        CsatSignal csat = (CsatSignal) mapped(map(RecordKind.CSAT, """
                {"eventId":"c-1","accountId":"acme","occurredAt":"2026-11-01","score":"4",
                 "contactEmail":"ana@acme.example","ticketId":"T-7"}"""));
        Mapping zero = map(RecordKind.CSAT,
                "{\"eventId\":\"c-2\",\"accountId\":\"acme\",\"occurredAt\":\"2026-11-01\",\"score\":0}");

        assertThat(csat).isEqualTo(new CsatSignal("webhook", "c-1", "acme", Instant.parse("2026-11-01T00:00:00Z"),
                "ana@acme.example", 4, "T-7"));
        assertThat(zero.errors()).extracting(RecordError::field, RecordError::message)
                .containsExactly(tuple("score", "'0' is not between 1 and 5"));
    }

    @Test
    void aCountBeyondItsBoundNamesTheSideItBrokeAndAHugeNumberIsNotRead() {
        Mapping huge = map(RecordKind.USAGE, """
                {"eventId":"u-1","accountId":"acme","occurredAt":"2026-11-01","feature":"core",
                 "quantity":"1000000000000000000000000000000"}""");
        Mapping endless = map(RecordKind.USAGE, "{\"eventId\":\"u-2\",\"accountId\":\"acme\",\"occurredAt\":\"2026-11-01\","
                + "\"feature\":\"core\",\"quantity\":\"" + "9".repeat(100_000) + "\"}");

        assertThat(huge.errors()).extracting(RecordError::field, RecordError::message)
                .containsExactly(tuple("quantity", "'1000000000000000000000000000000' is more than 1000000000"));
        assertThat(endless.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .startsWith("'" + "9".repeat(60) + "… (100000 characters)' is not a number of at most 40 characters"));
    }

    @Test
    void aValueThatIsNotSingleIsNamedNotStringified() {
        Mapping mapping = map(RecordKind.USAGE,
                "{\"eventId\":\"u-1\",\"accountId\":[\"a\",\"b\"],\"occurredAt\":\"2026-11-01\",\"feature\":\"core\"}");

        assertThat(mapping.errors()).extracting(RecordError::field, RecordError::message)
                .containsExactly(tuple("accountId", "'[\"a\",\"b\"]' is not a single value"));
    }

    @Test
    void somethingOtherThanAnObjectIsNotARecord() throws Exception {
        JsonNode number = json.readTree("42");

        assertThat(mapper.map(RecordKind.USAGE, "usage[0]", number, "webhook").errors())
                .containsExactly(new RecordError("usage[0]", "record", "not a JSON object"));
    }

    @Test
    void kindsAreKnownByNameAndByFileNamePrefix() {
        assertThat(RecordKind.named(" Usage ")).contains(RecordKind.USAGE);
        assertThat(RecordKind.named("signals")).isEmpty();
        assertThat(RecordKind.prefixOf("tickets-2026-11.csv")).contains(RecordKind.TICKETS);
        assertThat(RecordKind.prefixOf("export.csv")).isEmpty();
        assertThat(RecordKind.names()).isEqualTo("accounts, contacts, usage, tickets, billing, nps, csat");
        assertThat(RecordKind.prefixOf("csat-2026-03.csv")).contains(RecordKind.CSAT);
    }
}
