package dev.tenure.connectors.files;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.testing.Poison;
import dev.tenure.engine.testing.PoisonRecords;
import dev.tenure.engine.testing.PoisonRecords.Kind;
import dev.tenure.engine.testing.PoisonRecords.Mutation;
import dev.tenure.engine.testing.PoisonRecords.Record;
import dev.tenure.engine.testing.SeededDraws;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Files with generated bad lines among good ones, as broken exports and careless edits make them: every file is
 * read to its end and moved to done/, every good line is stored, every bad one is a dead letter with its line
 * number, its text as written and a reason naming the field (never the database's words), and no line is lost.
 * The lines are drawn from a seed ({@link SeededDraws}), printed in each file's test name.
 */
class PoisonedFileDropIntegrationTest extends ConnectorsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<String> DATABASE_WORDS = List.of("PSQLException", "ERROR:", "violates", "SQL", "org.postgresql");

    @Autowired
    FileDropProperties properties;

    private final SeededDraws draws = SeededDraws.fromConfiguredSeed();
    private final String tag = "f" + UUID.randomUUID().toString().substring(0, 6);

    /** A line of a file: the record it holds (null for a line that holds none), and its number. */
    private record Line(int number, Record record, String text) {
    }

    /** A file to drop: its name, content and lines. */
    private record DroppedFile(String name, Kind kind, String content, List<Line> lines) {
    }

    @TestFactory
    Stream<DynamicTest> a_file_keeps_its_good_lines_and_dead_letters_each_bad_one_with_its_line() throws IOException {
        TestData account = TestData.account("File Poison", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        String champion = "champion@" + account.id() + ".test";
        // accounts first: the inbox is read in name order, as operators are told to name their files
        List<DroppedFile> files = List.of(
                csv("accounts-" + tag + ".csv", PoisonRecords.ACCOUNTS, 40, account.id(), champion),
                jsonLines("nps-" + tag + ".jsonl", PoisonRecords.NPS, 40, account.id(), champion),
                csv("usage-" + tag + ".csv", PoisonRecords.USAGE, 30, account.id(), champion),
                jsonLines("usage-" + tag + ".jsonl", PoisonRecords.USAGE, 50, account.id(), champion));
        for (DroppedFile file : files) {
            drop(file.name(), file.content());
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.name() + ": " + file.lines().size() + " lines (seed "
                + draws.seed() + ")", () -> goodLinesStoredBadOnesDeadLettered(file)));
    }

    private void goodLinesStoredBadOnesDeadLettered(DroppedFile file) {
        await().atMost(PATIENCE).until(() -> Files.exists(done(file.name())) || Files.exists(error(file.name())));
        assertThat(error(file.name())).as("a file with bad lines is read to its end, not refused").doesNotExist();

        Map<Integer, DeadLetter> letters = new LinkedHashMap<>();
        deadLettersFrom(file.name()).forEach(d -> assertThat(letters.put(d.line(), d)).as("one dead letter per line").isNull());
        List<String> stored = stored(file.kind(), file.lines().stream().filter(l -> l.record() != null)
                .map(l -> l.record().from()).toList());
        for (Line line : file.lines()) {
            DeadLetter letter = letters.remove(line.number());
            Record record = line.record();
            if (record != null && record.valid()) {
                assertThat(letter).as("line %d is good: %s", line.number(), letter).isNull();
                assertThat(stored).as("line %d stored", line.number()).contains(record.key());
            } else if (letter != null) {
                // As read back: line breaks as the reader splits them, a NUL as the store keeps it, a line too long
                // to read cut at the bound.
                String written = line.text().replace("\r\n", "\n").replace('\r', '\n').replace('\u0000', '\uFFFD');
                assertThat(letter.record()).as("the line as written")
                        .isEqualTo(written.length() > FileLines.MAX_CHARS ? written.substring(0, FileLines.MAX_CHARS) : written);
                assertThat(letter.reason()).as("line %d's reason names a field", line.number()).matches("(?s)^[\\w.]+: .+");
                DATABASE_WORDS.forEach(word -> assertThat(letter.reason()).doesNotContain(word));
                if (record != null) {
                    assertThat(stored).as("line %d refused and stored", line.number()).doesNotContain(record.from());
                }
            } else {
                // Taken: stored under its own event id, unless the poison was in the id itself.
                assertThat(record).as("line %d ('%s') neither stored nor a dead letter", line.number(),
                        PoisonRecords.shown(line.text())).isNotNull();
                if (record.from().equals(record.lastText(file.kind().keyField()))) {
                    assertThat(stored).as("line %d taken, so stored", line.number()).contains(record.from());
                }
            }
        }
        assertThat(letters).as("dead letters of lines the file does not have").isEmpty();
    }

    /** What a drawn line is: a valid record, a spoiled one, or a line that is not a record at all. */
    private record Drawn(List<Mutation> mutations, String junk) {
    }

    private DroppedFile jsonLines(String name, Kind kind, int count, String accountId, String email) {
        Arbitrary<Drawn> drawn = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Drawn(List.of(), null))),
                Tuple.of(6, PoisonRecords.mutations(kind).map(m -> new Drawn(m, null))),
                Tuple.of(1, junkLine().map(j -> new Drawn(null, j))));
        List<Drawn> lines = new ArrayList<>(draws.draw(drawn, count));
        PoisonRecords.edges(kind).forEach(edge -> lines.add(new Drawn(edge, null)));
        List<Line> file = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Drawn d = lines.get(i);
            Record record = d.junk() == null ? spoiled(name, kind, i, accountId, email, d.mutations()) : null;
            String text = asWritten(record == null ? d.junk() : record.json());
            file.add(new Line(i + 1, record, text));
            content.append(text).append('\n');
        }
        return new DroppedFile(name, kind, content.toString(), file);
    }

    private DroppedFile csv(String name, Kind kind, int count, String accountId, String email) {
        Arbitrary<List<Mutation>> drawn = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.of())),
                Tuple.of(2, PoisonRecords.csvMutations(kind)));
        List<List<Mutation>> rows = new ArrayList<>(draws.draw(drawn, count));
        rows.addAll(PoisonRecords.edges(kind));
        List<Line> file = new ArrayList<>();
        StringBuilder content = new StringBuilder(String.join(",", kind.header())).append('\n');
        int lineNumber = 2;
        for (int i = 0; i < rows.size(); i++) {
            Record record = spoiled(name, kind, i, accountId, email, rows.get(i));
            String text = asWritten(record.csv(kind.header()));
            file.add(new Line(lineNumber, record, text));
            content.append(text).append('\n');
            lineNumber += linesOf(text);
        }
        return new DroppedFile(name, kind, content.toString(), file);
    }

    /** Keyed by its file: each file's records are its own. */
    private static Record spoiled(String file, Kind kind, int n, String accountId, String email, List<Mutation> mutations) {
        return PoisonRecords.spoil(PoisonRecords.valid(kind, file, n, accountId, email), mutations);
    }

    /** Lines that are no JSON object: broken, empty-ish, deep, huge, not UTF-16 clean. No line break inside. */
    private static Arbitrary<String> junkLine() {
        return Arbitraries.oneOf(Arbitraries.of("{", "[]", "null", "42", "\"text\"", "{} {}", "{\"eventId\": }", "\u0000",
                        "{\"eventId\": \"a\u0000b\"}", "\ufeff{}", Poison.nested(5_000), "{\"a\": " + "9".repeat(Poison.MEGABYTE) + "}"),
                Poison.text().filter(t -> t.indexOf('\n') < 0 && t.indexOf('\r') < 0 && !t.isBlank()));
    }

    /** Text as a UTF-8 file holds it: a lone surrogate cannot be written, a writer puts '?' in its place. */
    private static String asWritten(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** How many lines a CSV row spans, its quoted line breaks counted as BufferedReader counts them. */
    private static int linesOf(String row) {
        int lines = 1;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == row.length() || row.charAt(i + 1) != '\n')) {
                lines++;
            }
        }
        return lines;
    }

    /** The keys of these records that are stored. */
    private List<String> stored(Kind kind, List<String> keys) {
        String query = kind == PoisonRecords.ACCOUNTS ? "SELECT id FROM account WHERE id IN (:keys)"
                : "SELECT external_id FROM all_signals WHERE external_id IN (:keys)";
        return keys.isEmpty() ? List.of() : jdbc.sql(query).param("keys", keys).query(String.class).list();
    }

    /** Written beside the inbox and moved in whole, as a careful uploader would. */
    private void drop(String name, String content) throws IOException {
        Files.createDirectories(properties.inboxPath());
        Path staged = Files.writeString(properties.inboxPath().resolveSibling(name + ".staged"), content, StandardCharsets.UTF_8);
        Files.move(staged, properties.inboxPath().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private Path done(String name) {
        return properties.inboxPath().resolve("done").resolve(name);
    }

    private Path error(String name) {
        return properties.inboxPath().resolve("error").resolve(name);
    }

}
