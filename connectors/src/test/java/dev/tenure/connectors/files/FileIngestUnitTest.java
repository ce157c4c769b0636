package dev.tenure.connectors.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.FakeDeadLetters;
import dev.tenure.connectors.FakeIntake;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.vocabulary.Signal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class FileIngestUnitTest {

    private final FakeDeadLetters deadLetters = new FakeDeadLetters();

    /**
     * An intake that holds the chunk with the line {@code held} until another chunk is stored (at most 10 s), and
     * writes down the account and contact lines in the order they were stored.
     */
    private static FakeIntake holdingUntilAnotherIsStored(String held, List<String> order) {
        CountDownLatch anotherStored = new CountDownLatch(1);
        return new FakeIntake() {
            @Override
            public IntakeResult store(Batch batch) {
                List<String> labels = java.util.stream.Stream.concat(batch.accounts().stream().map(Labeled::label),
                        batch.contacts().stream().map(Labeled::label)).toList();
                if (labels.contains(held)) {
                    try {
                        anotherStored.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                synchronized (order) {
                    order.addAll(labels);
                }
                IntakeResult result = super.store(batch);
                anotherStored.countDown();
                return result;
            }
        };
    }

    private FileReport ingest(FakeIntake intake, int chunkSize, String fileName, String content) throws IOException {
        return ingest(intake, chunkSize, fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private FileReport ingest(FakeIntake intake, int chunkSize, String fileName, byte[] content) throws IOException {
        FileIngest ingest = new FileIngest(new RecordMapper(), intake, deadLetters, new ObjectMapper(),
                new FileDropProperties("inbox", Duration.ofSeconds(5), Duration.ofSeconds(1), chunkSize, 2, Map.of()));
        return ingest.ingest(fileName, new ByteArrayInputStream(content));
    }

    @Test
    void givenAUsageCsvWithABadDateOnLine3_thenLines2And4AreStoredAndLine3IsADeadLetterNamingOccurredAt() throws IOException {
        FakeIntake intake = new FakeIntake();

        FileReport report = ingest(intake, 1000, "usage-nov.csv", """
                eventId,accountId,occurredAt,feature,quantity
                u-1,acme,2026-11-01,core,3
                u-2,acme,2026-13-01,core,3
                u-3,acme,2026-11-02T09:30:00Z,reports,
                """);

        assertThat(intake.storedLabels()).containsExactly("usage-nov.csv line 2", "usage-nov.csv line 4");
        assertThat(intake.storedSignals()).extracting(Signal::externalId, Signal::source)
                .containsExactly(tuple("u-1", "file"), tuple("u-3", "file"));
        assertThat(deadLetters.all()).extracting(DeadLetter::source, DeadLetter::origin, DeadLetter::line,
                        DeadLetter::record, DeadLetter::reason)
                .containsExactly(tuple("file", "usage-nov.csv", 3, "u-2,acme,2026-13-01,core,3",
                        "occurredAt: '2026-13-01' is not a time (ISO-8601 like 2026-11-01T10:00:00Z, or yyyy-MM-dd; also"
                                + " 2026-11-01 10:00:00+0100, and seconds or milliseconds since 1970; a time needs its zone)"));
        assertThat(report).extracting(FileReport::records, FileReport::accepted, FileReport::deadLetters)
                .containsExactly(3, 2, 1);
    }

    @Test
    void givenARecordTheEngineRefuses_thenItsChunkIsStoredAgainWithoutItAndOnlyThatLineIsADeadLetter() throws IOException {
        FakeIntake intake = new FakeIntake("ghost");

        ingest(intake, 3, "tickets.jsonl", """
                {"eventId":"t-1","accountId":"acme","occurredAt":"2026-11-01T10:00:00Z","ticketId":"1","priority":"P2","status":"OPEN"}
                {"eventId":"t-2","accountId":"ghost","occurredAt":"2026-11-01T10:00:00Z","ticketId":"2","priority":"P2","status":"OPEN"}
                {"eventId":"t-3","accountId":"acme","occurredAt":"2026-11-01T10:00:00Z","ticketId":"3","priority":"P2","status":"OPEN"}
                {"eventId":"t-4","accountId":"acme","occurredAt":"2026-11-01T10:00:00Z","ticketId":"4","priority":"P2","status":"OPEN"}
                """);

        assertThat(intake.storedSignals()).extracting(Signal::externalId).containsExactlyInAnyOrder("t-1", "t-3", "t-4");
        assertThat(intake.calls()).as("one refused chunk of 3, again without line 2, then the last chunk of 1").isEqualTo(3);
        assertThat(deadLetters.all()).extracting(DeadLetter::line, DeadLetter::reason)
                .containsExactly(tuple(2, "accountId: unknown account 'ghost'"));
    }

    @Test
    void goodRecordsGoToTheEngineInChunks() throws IOException {
        FakeIntake intake = new FakeIntake();
        StringBuilder csv = new StringBuilder("eventId,accountId,occurredAt,feature\n");
        for (int i = 1; i <= 5; i++) {
            csv.append("u-").append(i).append(",acme,2026-11-01,core\n");
        }

        ingest(intake, 2, "usage.csv", csv.toString());

        // Two writers store chunks at once, so the chunks may land in either order.
        assertThat(intake.stored()).extracting(b -> b.signals().size()).containsExactlyInAnyOrder(2, 2, 1);
    }

    /**
     * An accounts file names acme on line 2 (CHURNED) and again on line 5 (VALUE), in two chunks. The first chunk is
     * slow to store (it waits until another chunk has been stored); before, the second writer stored line 5 meanwhile
     * and line 2 landed last, so the account ended CHURNED whatever the file said last. The chunk of lines 6 and 7
     * names other accounts: it is stored at once, beside the first.
     */
    @Test
    void givenAnAccountsFileThatNamesAnAccountInTwoChunks_thenItsLaterLineIsStoredAfterItsEarlierOne() throws IOException {
        List<String> order = new ArrayList<>();
        FakeIntake intake = holdingUntilAnotherIsStored("accounts.csv line 2", order);

        ingest(intake, 2, "accounts.csv", """
                id,name,segment,stage
                acme,Acme,HIGH_TOUCH,CHURNED
                initech,Initech,HIGH_TOUCH,VALUE
                hooli,Hooli,HIGH_TOUCH,VALUE
                acme,Acme,HIGH_TOUCH,VALUE
                umbrella,Umbrella,HIGH_TOUCH,VALUE
                globex,Globex,HIGH_TOUCH,VALUE
                """);

        assertThat(order).as("acme's line 5 after its line 2, the chunk of other accounts stored meanwhile")
                .containsSubsequence("accounts.csv line 2", "accounts.csv line 5")
                .containsSubsequence("accounts.csv line 6", "accounts.csv line 2")
                .hasSize(6);
    }

    @Test
    void givenAContactsFileSortedByAccount_thenChunksSharingAnAccountButNoContactAreStoredAtOnce() throws IOException {
        List<String> order = new ArrayList<>();
        FakeIntake intake = holdingUntilAnotherIsStored("contacts.csv line 2", order);

        ingest(intake, 2, "contacts.csv", """
                accountId,email,name,role
                acme,ana@acme.example,Ana,CHAMPION
                acme,bo@acme.example,Bo,USER
                acme,cy@acme.example,Cy,ADMIN
                initech,di@initech.example,Di,CHAMPION
                """);

        assertThat(order).as("acme's other contacts stored while the first chunk waits: a writer each, not one after another")
                .containsSubsequence("contacts.csv line 4", "contacts.csv line 2")
                .hasSize(4);
    }

    @Test
    void aLineThatIsNotJsonIsADeadLetterAndTheRestOfTheFileStillLands() throws IOException {
        FakeIntake intake = new FakeIntake();

        ingest(intake, 1000, "accounts.ndjson", """
                {"id":"acme","name":"Acme","segment":"HIGH_TOUCH"}
                {"id":"initech","name":"Initech",
                """);

        assertThat(intake.storedLabels()).containsExactly("accounts.ndjson line 1");
        assertThat(deadLetters.all()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.reason()).startsWith("json: Unexpected end-of-input");
        });
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        FakeIntake intake = new FakeIntake();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] csv = "id,name,segment\nacme,Acme,TECH_TOUCH\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + csv.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(csv, 0, content, bom.length, csv.length);

        ingest(intake, 1000, "accounts.csv", content);

        assertThat(deadLetters.all()).isEmpty();
        assertThat(intake.storedLabels()).containsExactly("accounts.csv line 2");
    }

    /**
     * A header typed by people: "ID" and "Segment" are not our names, so the fields are missing. Before, the dead letter
     * said only that, of columns the sender can see in the file; it now names the column it found and what to do.
     */
    @Test
    void aRequiredFieldWrittenInAnotherCaseInTheHeader_isMissing_andTheDeadLetterNamesTheColumnThatLooksLikeIt() throws IOException {
        FakeIntake intake = new FakeIntake();

        ingest(intake, 1000, "accounts-crm.csv", """
                ID,name,Segment
                acme,Acme,HIGH_TOUCH
                """);

        assertThat(intake.storedLabels()).isEmpty();
        assertThat(deadLetters.all()).extracting(DeadLetter::line, DeadLetter::reason).containsExactly(tuple(2,
                "id: missing; the record has 'ID', but names are read as written: write id, or map id to that column;"
                        + " segment: missing; the record has 'Segment', but names are read as written: write segment, or"
                        + " map segment to that column"));
    }

    /**
     * A CRM export's optional columns written in another case (ARR, Plan) or spacing (Renewal Date for the mapped
     * renewal_date). Before, they were dropped without a word: the accounts stored, their ARR, plan and renewal date not
     * (a stored one kept), and nothing said why. They are still not read (a column of our name in another case may hold
     * another system's values), but the file's report names each, and the column it looks like; a column of no such
     * look (notes, arr_usd) is no mistake, and is not named.
     */
    @Test
    void anOptionalColumnWrittenInAnotherCase_isNotRead_andTheFilesReportSaysSoNamingTheColumnItLooksLike() throws IOException {
        FakeIntake intake = new FakeIntake();
        FileIngest ingest = new FileIngest(new RecordMapper(), intake, deadLetters, new ObjectMapper(),
                new FileDropProperties("inbox", Duration.ofSeconds(5), Duration.ofSeconds(1), 1000, 2,
                        Map.of("accounts", Map.of("renewalOn", "renewal_date"))));

        FileReport report = ingest.ingest("accounts-crm.csv", new ByteArrayInputStream("""
                id,name,segment,ARR,Plan,Renewal Date,notes,arr_usd
                acme,Acme,HIGH_TOUCH,48000,gold,2027-01-31,big one,48000
                """.getBytes(StandardCharsets.UTF_8)));

        assertThat(intake.storedLabels()).containsExactly("accounts-crm.csv line 2");
        assertThat(deadLetters.all()).isEmpty();
        assertThat(report.notes()).containsExactly(
                "column 'ARR' is not read: columns are read as written, and it is not arr; name it arr, or map arr to it",
                "column 'Plan' is not read: columns are read as written, and it is not plan; name it plan, or map plan to it",
                "column 'Renewal Date' is not read: columns are read as written, and it is not renewal_date, the column mapped"
                        + " to renewalOn; name it renewal_date, or map renewalOn to it");
        assertThat(report.toString()).endsWith("0 plays started; " + String.join("; ", report.notes()));
    }

    @Test
    void aFileWhoseNameNamesNoKindIsUnreadableAndSaysWhichNamesAreAccepted() {
        assertThatThrownBy(() -> ingest(new FakeIntake(), 1000, "export.csv", "a,b\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("'export.csv' does not start with a known kind; accepted names are "
                        + "accounts*.csv, contacts*.csv, usage*.csv, tickets*.csv, billing*.csv, nps*.csv");
    }

    @Test
    void aFileThatIsNotUtf8IsUnreadable() {
        byte[] latin1 = "id,name,segment\nzurich,Zürich AG,HIGH_TOUCH\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ingest(new FakeIntake(), 1000, "accounts.csv", latin1))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("'accounts.csv' is not UTF-8 text");
    }
}
