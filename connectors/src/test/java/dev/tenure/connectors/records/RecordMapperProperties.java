package dev.tenure.connectors.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.testing.Poison;
import dev.tenure.engine.testing.PoisonRecords;
import dev.tenure.engine.testing.PoisonRecords.Kind;
import dev.tenure.engine.testing.PoisonRecords.Mutation;
import dev.tenure.engine.testing.PoisonRecords.Record;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any record a source can send, of any kind, JSON or a CSV row: the mapping gives the record or refusals, never
 * an exception, and every refusal names this record and a field in a few words, however large or odd the value
 * it is about. (Whether a mapped record is within bounds is the engine's check; see RecordBoundsProperties.)
 */
class RecordMapperProperties {

    private static final String LABEL = "usage[3] (event e-9)";
    /** A refusal repeats the value short, names what was expected and little else. */
    private static final int MOST_MESSAGE = 500;

    private final ObjectMapper json = new ObjectMapper();
    // Survey answers without an account are placed through their respondent: for some emails nobody, for
    // others two accounts (ambiguous), so both refusals are made.
    private final RecordMapper mapper = new RecordMapper(email -> email.length() % 2 == 0 ? List.of()
            : List.of("acme", "globex"));

    /** A record as JSON, spoiled, with the kind it is sent as. */
    record Sent(Kind kind, Record record) {
        @Override
        public String toString() {
            return kind.name() + ": " + record.spoiled();
        }
    }

    @Property(tries = 250)
    void a_json_record_is_mapped_or_refused_naming_its_fields(@ForAll("spoiled") Sent sent) {
        JsonNode tree = parse(sent.record().json());
        Assume.that(tree != null); // not JSON at all: the channel refuses the body before any mapping

        assertMappedOrRefused(sent.kind(), tree);
    }

    @Property(tries = 150)
    void a_csv_row_is_mapped_or_refused_naming_its_fields(@ForAll("spoiledRows") Sent sent) {
        // As CsvLines hands a row over: the header's names, each non-blank cell's text as it was written.
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        Map<String, String> cells = new LinkedHashMap<>();
        sent.record().fields().forEach(f -> cells.put(f.name(), f.value().text()));
        cells.forEach((name, text) -> {
            if (!text.isBlank()) {
                row.put(name, text);
            }
        });

        assertMappedOrRefused(sent.kind(), row);
    }

    /** An answer naming no account is placed through its respondent's email, whatever that is, or refused shortly. */
    @Property(tries = 100)
    void an_answer_without_its_account_is_placed_by_its_email_or_refused_naming_it(@ForAll("answerKinds") Kind kind,
                                                                                  @ForAll("emails") String email) {
        Record answer = PoisonRecords.spoil(PoisonRecords.valid(kind, "prop", 1, "acme", "ana@acme.example"),
                List.of(new PoisonRecords.Remove("accountId"), new PoisonRecords.Replace("contactEmail", PoisonRecords.Value.text(email))));

        assertMappedOrRefused(kind, parse(answer.json()));
    }

    @Provide
    Arbitrary<Kind> answerKinds() {
        return Arbitraries.of(PoisonRecords.NPS, PoisonRecords.CSAT);
    }

    @Provide
    Arbitrary<String> emails() {
        return Arbitraries.oneOf(Poison.emailText(), Poison.text());
    }

    private void assertMappedOrRefused(Kind kind, JsonNode record) {
        Mapping mapping = mapper.map(RecordKind.named(kind.name()).orElseThrow(), LABEL, record, "webhook");

        if (!mapping.valid()) {
            assertThat(mapping.errors()).isNotEmpty().allSatisfy(RecordMapperProperties::namesRecordAndField);
        }
    }

    static void namesRecordAndField(RecordError error) {
        assertThat(error.record()).isEqualTo(LABEL);
        assertThat(error.field()).isNotBlank();
        assertThat(error.message()).isNotBlank().hasSizeLessThan(MOST_MESSAGE);
    }

    @Provide
    Arbitrary<Sent> spoiled() {
        return sent(PoisonRecords::mutations);
    }

    @Provide
    Arbitrary<Sent> spoiledRows() {
        return sent(PoisonRecords::csvMutations);
    }

    private static Arbitrary<Sent> sent(java.util.function.Function<Kind, Arbitrary<List<Mutation>>> mutations) {
        return Arbitraries.of(PoisonRecords.KINDS).flatMap(kind -> mutations.apply(kind).map(m -> new Sent(kind,
                PoisonRecords.spoil(PoisonRecords.valid(kind, "prop", 1, "acme", "ana@acme.example"), m))));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
