package dev.tenure.connectors.files;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Files dropped into the inbox, read by the real route into the real engine. */
class FileDropIntegrationTest extends ConnectorsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    FileDropProperties properties;

    /** Writes a file beside the inbox and moves it in whole, as a careful uploader would. */
    private Path drop(String name, String content) throws IOException {
        Files.createDirectories(properties.inboxPath());
        Path staged = Files.writeString(properties.inboxPath().resolveSibling(name + ".staged"), content, StandardCharsets.UTF_8);
        return Files.move(staged, properties.inboxPath().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private Path done(String name) {
        return properties.inboxPath().resolve("done").resolve(name);
    }

    private Path error(String name) {
        return properties.inboxPath().resolve("error").resolve(name);
    }

    private void awaitDone(String name) {
        await().atMost(PATIENCE).until(() -> Files.exists(done(name)));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void givenAccountsContactsAndUsageCsvs_thenAllAreStoredAndTheFilesAreDone() throws IOException {
        String acme = unique("acme");
        String run = unique("");
        drop("accounts" + run + ".csv", """
                id,name,segment,stage,csm,arr,renewalOn,timezone
                %s,"Acme, Inc.",HIGH_TOUCH,ADOPTION,kim@tenure.example,120000,2027-01-31,Europe/Paris
                """.formatted(acme));
        drop("contacts" + run + ".csv", """
                accountId,email,name,role
                %s,ana@acme.example,"Ana ""The Champion"" Silva",CHAMPION
                """.formatted(acme));
        drop("usage" + run + ".csv", """
                eventId,accountId,occurredAt,feature,quantity,activeUsers
                %1$s-u1,%1$s,2026-11-01,core,12,4
                %1$s-u2,%1$s,2026-11-02T09:00:00Z,reports,3,2
                """.formatted(acme));

        awaitDone("usage" + run + ".csv");

        assertThat(done("accounts" + run + ".csv")).exists();
        assertThat(accountExists(acme)).isTrue();
        assertThat(contactsOf(acme)).isEqualTo(1);
        assertThat(signalsOf(acme)).containsExactly(acme + "-u1", acme + "-u2");
        assertThat(deadLettersFrom("usage" + run + ".csv")).isEmpty();
    }

    /**
     * A CRM export of a few columns (the names and segments) says nothing of what it leaves out: the CSM, ARR,
     * plan, dates and time zone a fuller file stored stay as they were.
     */
    @Test
    void givenAnAccountsFileWithoutSomeColumns_thenTheStoredValuesOfThoseColumnsAreKept() throws IOException {
        String acme = unique("acme");
        String run = unique("");
        drop("accounts" + run + "-full.csv", """
                id,name,segment,stage,csm,arr,plan,startedOn,renewalOn,timezone
                %s,Acme,HIGH_TOUCH,ADOPTION,kim@tenure.example,120000,enterprise,2025-02-01,2027-01-31,Europe/Paris
                """.formatted(acme));
        awaitDone("accounts" + run + "-full.csv");

        drop("accounts" + run + "-names.csv", """
                id,name,segment,csm
                %s,"Acme, Inc.",LOW_TOUCH,lee@tenure.example
                """.formatted(acme));
        awaitDone("accounts" + run + "-names.csv");

        assertThat(jdbc.sql("SELECT name, segment, csm, arr, plan, started_on, renewal_on, timezone FROM account WHERE id = ?")
                .param(acme).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4).toPlainString(),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))).single())
                .containsExactly("Acme, Inc.", "LOW_TOUCH", "lee@tenure.example", "120000.00", "enterprise", "2025-02-01", "2027-01-31",
                        "Europe/Paris");
        assertThat(deadLettersFrom("accounts" + run + "-names.csv")).isEmpty();
    }

    @Test
    void givenAnNpsFileOfSeveralChunks_thenEachAccountIsEvaluatedOnceAfterItAndTheDetractorsPlayStarts() throws IOException {
        String detractor = existingAccount("Chunked detractor");
        String promoter = existingAccount("Chunked promoter");
        int detractorScores = healthScoresOf(detractor);
        int promoterScores = healthScoresOf(promoter);
        String run = unique("");
        Instant at = TestClock.now().minus(Duration.ofHours(1));
        drop("nps" + run + ".csv", """
                eventId,accountId,occurredAt,score,comment
                %1$s-n1,%1$s,%3$s,8,fine
                %2$s-n1,%2$s,%3$s,9,great
                %2$s-n2,%2$s,%3$s,10,love it
                %1$s-n2,%1$s,%4$s,3,too slow
                %2$s-n3,%2$s,%3$s,9,
                """.formatted(detractor, promoter, at, at.plusSeconds(60)));

        awaitDone("nps" + run + ".csv");

        // Five lines in chunks of two: each account evaluated once, after the last chunk, with every answer. The
        // detractor's low score is its later one: chunks are stored side by side, so their order is not the file's.
        assertThat(healthScoresOf(detractor)).isEqualTo(detractorScores + 1);
        assertThat(healthScoresOf(promoter)).isEqualTo(promoterScores + 1);
        assertThat(playsOf(detractor)).containsExactly("nps-detractor");
        assertThat(playsOf(promoter)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation_due WHERE account_id IN (?, ?)").params(detractor, promoter)
                .query(Integer.class).single()).isZero();
    }

    private int healthScoresOf(String accountId) {
        return jdbc.sql("SELECT count(*) FROM health_score WHERE account_id = ?").param(accountId).query(Integer.class).single();
    }

    private java.util.List<String> playsOf(String accountId) {
        return jdbc.sql("SELECT play_id FROM play_run WHERE account_id = ?").param(accountId).query(String.class).list();
    }

    @Test
    void givenAWarehouseExportWithItsOwnHeaders_thenTheConfiguredMappingReadsIt() throws IOException {
        String acme = existingAccount("Mapped Export");
        String name = unique("usage-export") + ".csv";
        drop(name, """
                account_id,event_time,feature_name,count
                %1$s,2026-11-01T10:00:00Z,core,12
                %1$s,2026-11-02T10:00:00Z,reports,
                """.formatted(acme));

        awaitDone(name);

        assertThat(deadLettersFrom(name)).isEmpty();
        assertThat(signalsOf(acme)).containsExactly(acme + ":2026-11-01T10:00:00Z:core",
                acme + ":2026-11-02T10:00:00Z:reports");
        assertThat(jdbc.sql("SELECT quantity FROM usage_daily WHERE account_id = ? ORDER BY day")
                .param(acme).query(Long.class).list()).containsExactly(12L, 1L);
    }

    /**
     * An export job writes the next day's file under the same name while the last one is still being read (3,000 lines in
     * chunks of two take seconds). Before, the route moved whatever the inbox held under that name to done/ once it had
     * read the first: the replacement, unread, so its records were never stored and nothing said so.
     */
    @Test
    void givenAFileReplacedUnderItsNameWhileItIsRead_thenTheReplacementIsReadToo() throws IOException {
        String monday = existingAccount("Read first");
        String tuesday = existingAccount("Written meanwhile");
        String name = unique("usage-daily") + ".csv";
        StringBuilder first = new StringBuilder("eventId,accountId,occurredAt,feature\n");
        for (int i = 1; i <= 3000; i++) {
            first.append(monday).append("-u").append(i).append(',').append(monday).append(",2026-11-01T10:00:00Z,core\n");
        }
        drop(name, first.toString());
        await().atMost(PATIENCE).until(() -> !signalsOf(monday).isEmpty());

        drop(name, """
                eventId,accountId,occurredAt,feature
                %1$s-u1,%1$s,2026-11-02T10:00:00Z,core
                """.formatted(tuesday));

        await().atMost(Duration.ofSeconds(60)).until(() -> signalsOf(monday).size() == 3000);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(signalsOf(tuesday)).containsExactly(tuesday + "-u1"));
        await().atMost(PATIENCE).until(() -> Files.readString(done(name)).contains(tuesday));
        assertThat(properties.inboxPath().resolve(name)).doesNotExist();
        assertThat(deadLettersFrom(name)).isEmpty();
    }

    /**
     * A node stopped mid-file left the file in .reading/; the next export of that name must not take its place there
     * (a move onto a file replaces it), and the folders of earlier reads, empty once their files moved on, go.
     */
    @Test
    void givenAFileAStoppedNodeLeftMidRead_whenTheNextOfItsNameIsRead_thenTheLeftFileIsKeptAndSettledEmptyFoldersGo() throws IOException {
        String acme = existingAccount("Read after a stop");
        String name = unique("usage-daily") + ".csv";
        Path reading = properties.inboxPath().resolve(FileDropRoute.READING);
        Path left = Files.createDirectories(reading).resolve(name);
        Files.writeString(left, "eventId,accountId,occurredAt,feature\n");
        Path emptied = Files.createDirectories(reading.resolve(unique("earlier-read")));
        Path justMade = Files.createDirectories(reading.resolve(unique("another-nodes-read")));
        Files.setLastModifiedTime(emptied, FileTime.from(Files.getLastModifiedTime(reading).toInstant().minus(Duration.ofHours(1))));

        drop(name, """
                eventId,accountId,occurredAt,feature
                %1$s-u1,%1$s,2026-11-02T10:00:00Z,core
                """.formatted(acme));

        awaitDone(name);
        assertThat(signalsOf(acme)).containsExactly(acme + "-u1");
        assertThat(left).as("the file the stopped node left").exists();
        assertThat(emptied).as("an earlier read's empty folder").doesNotExist();
        assertThat(justMade).as("a folder another node may be about to move its file into").exists();
    }

    @Test
    void givenTicketsAsJsonLines_thenEachLineIsASignal() throws IOException {
        String acme = existingAccount("Acme");
        String file = unique("tickets") + ".jsonl";

        drop(file, """
                {"eventId":"%1$s-t1","accountId":"%1$s","occurredAt":"2026-11-01T10:00:00Z","ticketId":"T-1","priority":"P2","status":"OPEN","subject":"Export fails"}
                {"eventId":"%1$s-t2","accountId":"%1$s","occurredAt":"2026-11-03T10:00:00Z","ticketId":"T-1","priority":"P2","status":"SOLVED"}
                """.formatted(acme));

        awaitDone(file);
        assertThat(signalsOf(acme)).containsExactly(acme + "-t1", acme + "-t2");
    }

    @Test
    void givenAUsageCsvWithABadDateOnLine3_thenLines2And4AreStoredAndLine3IsADeadLetterNamingOccurredAt() throws IOException {
        String acme = existingAccount("Acme");
        String file = unique("usage") + ".csv";

        drop(file, """
                eventId,accountId,occurredAt,feature
                %1$s-u1,%1$s,2026-11-01,core
                %1$s-u2,%1$s,2026-13-01,core
                %1$s-u3,%1$s,2026-11-03,core
                """.formatted(acme));

        awaitDone(file);
        assertThat(signalsOf(acme)).containsExactly(acme + "-u1", acme + "-u3");
        assertThat(deadLettersFrom(file)).singleElement().satisfies(letter -> {
            assertThat(letter.source()).isEqualTo("file");
            assertThat(letter.line()).isEqualTo(3);
            assertThat(letter.record()).isEqualTo(acme + "-u2," + acme + ",2026-13-01,core");
            assertThat(letter.reason()).startsWith("occurredAt: '2026-13-01' is not a time");
        });
    }

    @Test
    void givenACsvAndJsonLinesWithALineOfTwentyMillionCharactersOnLine3_thenTheOtherLinesAreStoredAndLine3IsADeadLetterOfItsStart()
            throws IOException {
        String acme = existingAccount("Acme");
        String csv = unique("usage") + ".csv";
        String jsonl = unique("usage") + ".jsonl";
        String huge = "9".repeat(20_000_000);

        drop(csv, "eventId,accountId,occurredAt,feature\n%1$s-c1,%1$s,2026-11-01,core\n%1$s-c2,%1$s,2026-11-02,%2$s\n%1$s-c3,%1$s,2026-11-03,core\n"
                .formatted(acme, huge));
        drop(jsonl, ("{\"eventId\": \"%1$s-j1\", \"accountId\": \"%1$s\", \"occurredAt\": \"2026-11-01\", \"feature\": \"core\"}\n"
                + "{\"eventId\": \"%1$s-j2\", \"accountId\": \"%1$s\", \"quantity\": %2$s}\n"
                + "{\"eventId\": \"%1$s-j3\", \"accountId\": \"%1$s\", \"occurredAt\": \"2026-11-03\", \"feature\": \"core\"}\n").formatted(acme, huge));

        awaitDone(csv);
        awaitDone(jsonl);
        assertThat(signalsOf(acme)).containsExactlyInAnyOrder(acme + "-c1", acme + "-c3", acme + "-j1", acme + "-j3");
        for (String file : List.of(csv, jsonl)) {
            assertThat(deadLettersFrom(file)).as(file).singleElement().satisfies(letter -> {
                assertThat(letter.line()).isEqualTo(file.equals(csv) ? 3 : 2);
                assertThat(letter.record()).as("only the start of the line is kept").hasSize(FileLines.MAX_CHARS)
                        .startsWith(file.equals(csv) ? acme + "-c2," : "{\"eventId\": \"" + acme + "-j2\"");
                assertThat(letter.reason()).matches("(csv|json): the line is 2000\\d{4} characters long; at most 1048576 are read.*");
            });
        }
    }

    @Test
    void givenAUsageCsvNamingAnUnknownAccountOnLine3_thenOnlyLine3IsADeadLetter() throws IOException {
        String acme = existingAccount("Acme");
        String ghost = unique("ghost");
        String file = unique("usage") + ".csv";

        drop(file, """
                eventId,accountId,occurredAt,feature
                %1$s-u1,%1$s,2026-11-01,core
                %2$s-u2,%2$s,2026-11-02,core
                %1$s-u3,%1$s,2026-11-03,core
                """.formatted(acme, ghost));

        awaitDone(file);
        assertThat(signalsOf(acme)).containsExactly(acme + "-u1", acme + "-u3");
        assertThat(deadLettersFrom(file)).extracting(DeadLetter::line, DeadLetter::reason)
                .containsExactly(tuple(3, "accountId: unknown account '" + ghost + "'"));
    }

    @Test
    void givenASecondFileRepeatingEventIds_thenNothingChanges() throws IOException {
        String acme = existingAccount("Acme");
        String usage = """
                eventId,accountId,occurredAt,feature
                %1$s-u1,%1$s,2026-11-01,core
                %1$s-u2,%1$s,2026-11-02,core
                """.formatted(acme);
        String first = unique("usage") + ".csv";
        String second = unique("usage") + ".csv";

        drop(first, usage);
        awaitDone(first);
        drop(second, usage);
        awaitDone(second);

        assertThat(signalsOf(acme)).containsExactly(acme + "-u1", acme + "-u2");
        assertThat(deadLettersFrom(second)).isEmpty();
    }

    @Test
    void givenTheSameFileDroppedAgain_thenItIsSkippedAndLeftInTheInbox() throws IOException {
        String acme = existingAccount("Acme");
        String file = unique("usage-a") + ".csv";
        FileTime modified = FileTime.from(Instant.parse("2026-11-01T08:00:00Z"));
        Files.setLastModifiedTime(drop(file, """
                eventId,accountId,occurredAt,feature
                %1$s-u1,%1$s,2026-11-01,core
                %1$s-u2,%1$s,not-a-date,core
                """.formatted(acme)), modified);
        awaitDone(file);

        Files.setLastModifiedTime(Files.move(done(file), properties.inboxPath().resolve(file)), modified);
        // Files are taken in name order, so once a later name is done the re-dropped one was looked at.
        String later = file.replace("usage-a", "usage-b");
        drop(later, "eventId,accountId,occurredAt,feature\n");
        awaitDone(later);

        assertThat(properties.inboxPath().resolve(file)).exists();
        assertThat(deadLettersFrom(file)).as("its bad line was not read twice").hasSize(1);
        assertThat(jdbc.sql("SELECT messageid FROM camel_messageprocessed WHERE processorname = 'file-drop' AND messageid LIKE ?")
                .param(file + "|%").query(String.class).list())
                .containsExactly(file + "|" + Files.size(properties.inboxPath().resolve(file)) + "|" + modified.toMillis());
    }

    /**
     * A spreadsheet's accounts export, its header ending in a comma (an empty last column), as its rows mostly do. Before,
     * the empty column name sent the whole file to error/, none of its accounts read. Now the unnamed column, empty, is
     * left out; a value in it is a dead letter of its line.
     */
    @Test
    void givenAnAccountsExportWhoseHeaderEndsInAComma_thenItIsRead_andOnlyARowWithAValueInTheUnnamedColumnIsADeadLetter()
            throws IOException {
        String acme = unique("acme");
        String file = unique("accounts-sheet") + ".csv";

        drop(file, """
                id,name,segment,arr,
                %1$s-a,Acme,HIGH_TOUCH,48000,
                %1$s-b,Beta,LOW_TOUCH,12000
                %1$s-c,Gamma,LOW_TOUCH,9000,oops
                """.formatted(acme));

        awaitDone(file);
        assertThat(jdbc.sql("SELECT id || ' ' || arr FROM account WHERE id LIKE ? ORDER BY id").param(acme + "-%")
                .query(String.class).list()).containsExactly(acme + "-a 48000.00", acme + "-b 12000.00");
        assertThat(deadLettersFrom(file)).extracting(DeadLetter::line, DeadLetter::reason)
                .containsExactly(tuple(4, "csv: a value in column 5, which the header leaves unnamed"));
    }

    /**
     * An accounts export saying ARR in capitals. Before, every account's ARR was dropped without a word (names are read
     * as written, so ARR is not arr), the stored ARR kept, and nothing said why. It is still not read (a column of our
     * name in another case may hold another system's values), but the file's report warns of it, naming arr.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void givenAnAccountsExportWithArrInCapitals_thenTheAccountsAreRead_andTheFilesReportWarnsThatArrWasNotRead(CapturedOutput log)
            throws IOException {
        String acme = unique("acme");
        String file = unique("accounts-crm") + ".csv";

        drop(file, """
                id,name,segment,ARR
                %s,Acme,HIGH_TOUCH,48000
                """.formatted(acme));

        awaitDone(file);
        assertThat(accountExists(acme)).isTrue();
        assertThat(deadLettersFrom(file)).isEmpty();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(log.getOut()).contains(file
                + ": column 'ARR' is not read: columns are read as written, and it is not arr; name it arr, or map arr to it"));
    }

    @Test
    void givenAFileNamedForNoKnownKind_thenItGoesToErrorWithOneDeadLetterNamingTheAcceptedNames() throws IOException {
        String file = unique("export") + ".csv";

        drop(file, "id,name\n1,x\n");

        await().atMost(PATIENCE).until(() -> Files.exists(error(file)));
        assertThat(deadLettersFrom(file)).singleElement().satisfies(letter -> {
            assertThat(letter.source()).isEqualTo("file");
            assertThat(letter.reason()).contains("accepted names are accounts*.csv, contacts*.csv, usage*.csv");
        });
    }

    @Test
    void givenAFileThatIsNotUtf8_thenItGoesToError() throws IOException {
        String file = unique("accounts") + ".csv";
        Path staged = properties.inboxPath().resolveSibling(file + ".staged");
        byte[] latin1 = "id,name,segment\nzurich,Zürich AG,HIGH_TOUCH\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(staged, latin1);
        Files.move(staged, properties.inboxPath().resolve(file), StandardCopyOption.ATOMIC_MOVE);

        await().atMost(PATIENCE).until(() -> Files.exists(error(file)));
        assertThat(deadLettersFrom(file)).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo("'" + file + "' is not UTF-8 text (0 records before the first bad byte were read)");
            assertThat(letter.record()).as("the file is named, not copied").startsWith("file ").endsWith(file + " (" + latin1.length + " bytes)");
        });
        assertThat(jdbc.sql("SELECT count(*) FROM camel_messageprocessed WHERE messageid LIKE ?").param(file + "|%")
                .query(Integer.class).single()).as("a file that went to error/ can be dropped again as it is").isZero();
    }
}
