package dev.tenure.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.stripe.StripeSignature;
import dev.tenure.engine.testing.Poison;
import dev.tenure.engine.testing.PoisonCalls;
import dev.tenure.engine.testing.PoisonRecords;
import dev.tenure.engine.testing.PoisonRecords.Kind;
import dev.tenure.engine.testing.PoisonRecords.Mutation;
import dev.tenure.engine.testing.PoisonRecords.Record;
import dev.tenure.engine.testing.SeededDraws;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated bad values thrown at every HTTP intake, as careless integrators, broken exports and attackers send
 * them: control characters, lone surrogates, text up to a megabyte, numbers no column holds or JSON does not
 * allow, impossible dates, the wrong JSON types, duplicate keys, unknown fields, near-miss enums and emails,
 * mixed with valid records. Whatever comes, the answer is the request taken (2xx) or a 400 problem naming the
 * record and the field, never a server error, never the database's words, never longer than a short page; a
 * refused webhook request stores nothing of itself (a Segment batch stores its good calls, each bad one is a dead
 * letter of its own); and the application stays up and takes the next good record.
 * <p>
 * Cases are drawn from a seed ({@link SeededDraws}, printed in every case's name): a failing case comes back with
 * the same seed. Each intake's cases are a container; its last test is that the application is still healthy.
 */
class PoisonedIntakesApiIntegrationTest extends ApiIntegrationTest {

    /** Generated requests per webhook kind (and the edges of each field), and per Segment, Stripe and Zendesk. */
    private static final int CASES_PER_KIND = 16;
    private static final int VENDOR_CASES = 36;
    /** A refusal lists at most 100 problems, each a few words with its value repeated short. */
    private static final int MOST_ANSWER = 64 * 1024;
    private static final List<String> DATABASE_WORDS = List.of("PSQLException", "ERROR:", "violates", "SQL", "org.postgresql");
    private static final String STRIPE_SECRET = "whsec_test_0123456789abcdef";
    private static final String SEGMENT_WRITE_KEY = "test-write-key";

    /** Bodies no source sends: empty, blank, broken, not an object, nested past any reader's depth, huge. */
    private static final List<String> BROKEN_BODIES = List.of("", "   ", "{", "[]", "null", "\"text\"", "{} {}",
            "{\"a\": 1,}", Poison.nested(100_000), " ".repeat(Poison.MEGABYTE) + "{}", "{\"id\": " + "9".repeat(Poison.MEGABYTE) + "}");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    /** Per test factory (JUnit makes an instance for each): every intake draws the same cases whatever runs first. */
    private final SeededDraws draws = SeededDraws.fromConfiguredSeed();
    /** Keys of this run's records: unique in the database all tests share. */
    private final String tag = "p" + UUID.randomUUID().toString().substring(0, 6);

    /** An account that exists, with a champion whose email answers can name. */
    private record Fixture(String accountId, String championEmail) {
    }

    private Fixture fixture(String name) {
        TestData account = TestData.account(name, Segment.LOW_TOUCH);
        intake.accept(account.batch());
        return new Fixture(account.id(), "champion@" + account.id() + ".test");
    }

    // ---------------------------------------------------------------- webhooks

    /** A webhook request: its records (a single object when {@code asObject}), or a body of its own. */
    private record Request(Kind kind, List<Record> records, boolean asObject, String body, String name) {

        String json() {
            if (body != null) {
                return body;
            }
            return asObject ? records.get(0).json()
                    : records.stream().map(Record::json).collect(Collectors.joining(", ", "[", "]"));
        }

        List<String> validKeys() {
            return records.stream().filter(Record::valid).map(Record::key).toList();
        }
    }

    /** How a generated request is made: which records are spoiled and how, how many valid ones go with them. */
    private record Shape(List<List<Mutation>> spoiled, int valid, boolean asObject) {
    }

    @TestFactory
    Stream<DynamicNode> every_webhook_takes_a_request_whole_or_refuses_it_whole_naming_the_field() {
        Fixture fixture = fixture("Webhook Poison");
        List<DynamicNode> kinds = new ArrayList<>();
        for (Kind kind : PoisonRecords.KINDS) {
            Arbitrary<Shape> shapes = Combinators.combine(PoisonRecords.mutations(kind).list().ofMinSize(1).ofMaxSize(2),
                    Arbitraries.integers().between(0, 3), Arbitraries.of(true, false)).as(Shape::new);
            List<Shape> drawn = new ArrayList<>(draws.draw(shapes, CASES_PER_KIND));
            // The edges of every field too, each with a valid record beside it.
            PoisonRecords.edges(kind).forEach(edge -> drawn.add(new Shape(List.of(edge), 1, false)));
            List<DynamicTest> cases = new ArrayList<>();
            for (int i = 0; i < drawn.size(); i++) {
                Request request = request(kind, drawn.get(i), i, fixture);
                cases.add(DynamicTest.dynamicTest(request.name(), () -> takenWholeOrRefusedWhole(request, fixture)));
            }
            kinds.add(DynamicContainer.dynamicContainer(kind.name() + " (seed " + draws.seed() + ")", cases));
        }
        kinds.add(DynamicContainer.dynamicContainer("answers placed by their respondent's email (seed " + draws.seed() + ")",
                byRespondent(fixture).stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> takenWholeOrRefusedWhole(r, fixture)))));
        kinds.add(DynamicContainer.dynamicContainer("requests no source sends", structural(fixture).stream()
                .map(r -> DynamicTest.dynamicTest(r.name(), () -> takenWholeOrRefusedWhole(r, fixture)))));
        kinds.add(DynamicTest.dynamicTest("then the application is healthy and takes a good record", () -> stillHealthy(fixture)));
        return kinds.stream();
    }

    private Request request(Kind kind, Shape shape, int i, Fixture fixture) {
        List<Record> records = new ArrayList<>();
        int n = i * 10;
        for (List<Mutation> mutations : shape.spoiled()) {
            records.add(PoisonRecords.spoil(valid(kind, n++, fixture), mutations));
        }
        for (int v = 0; v < shape.valid(); v++) {
            // Valid records before and after the bad ones: neither may be stored if the request is refused.
            records.add(v % 2 == 0 ? 0 : records.size(), valid(kind, n++, fixture));
        }
        boolean asObject = shape.asObject() && records.size() == 1;
        String spoiled = records.stream().filter(r -> !r.valid()).map(Record::spoiled).collect(Collectors.joining(" | "));
        return new Request(kind, records, asObject, null, "%s #%d: %s%s".formatted(kind.name(), i, spoiled,
                shape.valid() == 0 ? "" : " (+" + shape.valid() + " valid)"));
    }

    private Record valid(Kind kind, int n, Fixture fixture) {
        // Keyed by kind too: every signal kind's key is an eventId.
        return PoisonRecords.valid(kind, tag + "-" + kind.name(), n, fixture.accountId(), fixture.championEmail());
    }

    /** A call or event of a vendor, spoiled by these mutations (none: a valid one). */
    private record Spoiling(Kind kind, List<Mutation> mutations) {

        Record applied(String tag, int n, Fixture fixture) {
            return PoisonRecords.spoil(PoisonCalls.valid(kind, tag, n, fixture.accountId()), mutations);
        }
    }

    /** A third of the calls valid, the rest spoiled, of every kind the vendor sends. */
    private static Arbitrary<Spoiling> spoilings(List<Kind> kinds) {
        return Arbitraries.of(kinds).flatMap(kind -> Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(List.<Mutation>of())),
                        Tuple.of(2, PoisonRecords.mutations(kind)))
                .map(m -> new Spoiling(kind, m)));
    }

    /**
     * NPS and CSAT answers without an account, placed through the contact with their email: any email, looked up
     * before the engine checks the record (so its bounds must hold there too), the champion's among them.
     */
    private List<Request> byRespondent(Fixture fixture) {
        List<String> emails = new ArrayList<>(draws.draw(Arbitraries.oneOf(Poison.emailText(), Poison.text()), 10));
        emails.addAll(List.of(fixture.championEmail(), fixture.championEmail().toUpperCase(), "a\u0000@b.example",
                "e".repeat(321) + "@b.example", "\ud800@b.example"));
        List<Request> requests = new ArrayList<>();
        for (Kind kind : List.of(PoisonRecords.NPS, PoisonRecords.CSAT)) {
            for (int i = 0; i < emails.size(); i++) {
                Record answer = PoisonRecords.spoil(valid(kind, 50_000 + i, fixture), List.of(new PoisonRecords.Remove("accountId"),
                        new PoisonRecords.Replace("contactEmail", PoisonRecords.Value.text(emails.get(i)))));
                List<Record> records = List.of(valid(kind, 60_000 + i, fixture), answer);
                requests.add(new Request(kind, records, false, null, kind.name() + " by respondent #" + i + ": " + answer.spoiled()));
            }
        }
        return requests;
    }

    /** Whole requests no source should send: thousands of records, deep nesting, broken and non-JSON bodies. */
    private List<Request> structural(Fixture fixture) {
        Kind usage = PoisonRecords.USAGE;
        List<Record> many = IntStream.range(0, 3_000).mapToObj(n -> valid(usage, 100_000 + n, fixture)).toList();
        List<Record> manyAndOneBad = new ArrayList<>(many.subList(0, 2_999));
        manyAndOneBad.add(PoisonRecords.spoil(valid(usage, 103_000, fixture),
                List.of(new PoisonRecords.Replace("occurredAt", PoisonRecords.Value.text("2026-02-30T10:00:00Z")))));
        List<Record> allBad = IntStream.range(0, 3_000).mapToObj(n -> PoisonRecords.spoil(valid(usage, 110_000 + n, fixture),
                List.of(new PoisonRecords.Replace("feature", PoisonRecords.Value.text("f\u0000".repeat(150)))))).toList();
        List<Request> requests = new ArrayList<>();
        requests.add(new Request(usage, manyAndOneBad, false, null, "usage: 2,999 valid records and one on 30 February"));
        requests.add(new Request(usage, allBad, false, null, "usage: 3,000 records, each with NULs in a long feature"));
        requests.add(new Request(usage, many.subList(0, 2_000), false, null, "usage: 2,000 valid records"));
        List<String> bodies = new ArrayList<>(BROKEN_BODIES);
        bodies.addAll(List.of("42", "{\"eventId\": \"e\"} trailing", "[{}, ", "{\"a\": " + Poison.nested(2_000) + "}",
                "{\"eventId\": \"e\u0000raw\"}", "[" + "{}, ".repeat(5_000) + "{}]"));
        for (String body : bodies) {
            requests.add(new Request(usage, List.of(), false, body, "usage body " + PoisonRecords.shown(body)));
        }
        return requests;
    }

    private void takenWholeOrRefusedWhole(Request request, Fixture fixture) {
        Kind kind = request.kind();
        long letters = deadLetters("webhook", "webhook/" + kind.name());
        long signalsBefore = signalsOf(fixture.accountId());
        long contactsBefore = contactsOf(fixture.accountId());

        ResponseEntity<String> answer = postWebhook(kind.name(), request.json());

        JsonNode body = answered(answer);
        if (answer.getStatusCode() == HttpStatus.OK) {
            // A body of its own holds no record when it is taken at all ([]).
            int records = request.body() == null ? request.records().size() : 0;
            assertThat(body.path("accepted").asInt() + body.path("duplicates").asInt()).as("every record taken").isEqualTo(records);
            assertThat(stored(kind, request.validKeys())).as("every valid record stored").hasSameSizeAs(request.validKeys());
        } else if (answer.getStatusCode() == HttpStatus.PAYLOAD_TOO_LARGE) {
            // Larger than a webhook takes: refused before it is read, so there is no record to keep.
            assertThat(body.path("detail").asText()).contains("tenure.webhooks.max-body");
            assertThat(stored(kind, request.validKeys())).as("nothing of a refused request stored").isEmpty();
            assertThat(signalsOf(fixture.accountId())).as("no signal of a refused request").isEqualTo(signalsBefore);
            assertThat(deadLetters("webhook", "webhook/" + kind.name())).as("nothing read, nothing kept").isEqualTo(letters);
        } else {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            namesRecordsAndFields(body);
            assertThat(stored(kind, request.validKeys())).as("nothing of a refused request stored").isEmpty();
            assertThat(signalsOf(fixture.accountId())).as("no signal of a refused request").isEqualTo(signalsBefore);
            assertThat(contactsOf(fixture.accountId())).as("no contact of a refused request").isEqualTo(contactsBefore);
            assertThat(deadLetters("webhook", "webhook/" + kind.name())).as("kept as one dead letter").isEqualTo(letters + 1);
        }
    }

    private ResponseEntity<String> postWebhook(String kind, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Tenure-Source-Secret", SOURCE_SECRET);
        return http.postForEntity("/api/webhooks/" + kind, new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers),
                String.class);
    }

    /** The keys of these records that are stored. */
    private List<String> stored(Kind kind, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        String query = switch (kind.name()) {
            case "accounts" -> "SELECT id FROM account WHERE id IN (:keys)";
            case "contacts" -> "SELECT email FROM contact WHERE email IN (:keys)";
            default -> "SELECT external_id FROM all_signals WHERE external_id IN (:keys)";
        };
        return jdbc.sql(query).param("keys", keys).query(String.class).list();
    }

    // ---------------------------------------------------------------- Segment

    /** How a Segment request is drawn: its calls, each spoiled or not, the path's call type, a batch or one call. */
    private record SegmentShape(List<Spoiling> calls, String pathType, boolean batch) {
    }

    /** A Segment request: its calls, the path's call type (null: /api/webhooks/segment), a batch or a single call. */
    private record SegmentRequest(List<Record> calls, String pathType, boolean batch) {

        String json() {
            return batch ? calls.stream().map(Record::json).collect(Collectors.joining(", ", "{\"batch\": [", "]}"))
                    : calls.get(0).json();
        }

        String path() {
            return "/api/webhooks/segment" + (pathType == null ? "" : "/v1/" + pathType);
        }

        List<String> validTracks() {
            return calls.stream().filter(c -> c.valid() && c.json().contains("\"type\": \"track\"")).map(Record::key).toList();
        }
    }

    @TestFactory
    Stream<DynamicNode> segment_stores_a_batchs_good_calls_and_refuses_each_bad_one_alone() {
        Fixture fixture = fixture("Segment Poison");
        // A batch of one to eight calls (to the Segment endpoint or /v1/batch), or one call to a path of a call type.
        Arbitrary<SegmentShape> batches = spoilings(PoisonCalls.SEGMENT).list().ofMinSize(1).ofMaxSize(8)
                .flatMap(calls -> Arbitraries.just("batch").injectNull(0.7).map(path -> new SegmentShape(calls, path, true)));
        Arbitrary<SegmentShape> singles = spoilings(PoisonCalls.SEGMENT).flatMap(c -> Arbitraries.of("track", "identify",
                "group", "batch", "page", "TRACK").injectNull(0.5).map(type -> new SegmentShape(List.of(c), type, false)));
        List<SegmentShape> drawn = new ArrayList<>(draws.draw(Arbitraries.frequencyOf(Tuple.of(2, batches),
                Tuple.of(1, singles)), VENDOR_CASES));
        // The edges of every field of every call, each in a batch with a good track after it.
        PoisonCalls.SEGMENT.forEach(kind -> PoisonRecords.edges(kind).forEach(edge -> drawn.add(new SegmentShape(
                List.of(new Spoiling(kind, edge), new Spoiling(PoisonCalls.SEGMENT_TRACK, List.of())), null, true))));
        List<DynamicNode> cases = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            SegmentShape shape = drawn.get(i);
            List<Record> calls = new ArrayList<>();
            for (int c = 0; c < shape.calls().size(); c++) {
                calls.add(shape.calls().get(c).applied(tag, i * 10 + c, fixture));
            }
            SegmentRequest r = new SegmentRequest(calls, shape.pathType(), shape.batch());
            String name = "segment #%d %s: %s".formatted(i, r.batch() ? "batch of " + r.calls().size() : r.path(),
                    r.calls().stream().map(c -> c.valid() ? "valid" : c.spoiled()).collect(Collectors.joining(" | ")));
            cases.add(DynamicTest.dynamicTest(name, () -> segmentTakesGoodCallsAndRefusesBadOnes(r)));
        }
        for (String body : BROKEN_BODIES) {
            SegmentRequest r = new SegmentRequest(List.of(PoisonRecords.spoil(PoisonCalls.valid(PoisonCalls.SEGMENT_TRACK, tag, 9_999,
                    fixture.accountId()), List.of(new PoisonRecords.WholeRecord(body)))), null, false);
            cases.add(DynamicTest.dynamicTest("segment body " + PoisonRecords.shown(body), () -> segmentTakesGoodCallsAndRefusesBadOnes(r)));
        }
        return Stream.of(DynamicContainer.dynamicContainer("segment (seed " + draws.seed() + ")", cases),
                DynamicTest.dynamicTest("then the application is healthy and takes a good record", () -> stillHealthy(fixture)));
    }

    private void segmentTakesGoodCallsAndRefusesBadOnes(SegmentRequest request) {
        long requestLetters = deadLetters("segment", "segment/" + (request.pathType() == null ? "call" : request.pathType()));
        long callLetters = deadLetters("segment", "segment/call");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth(SEGMENT_WRITE_KEY, "");

        ResponseEntity<String> answer = anonymous.postForEntity(request.path(),
                new HttpEntity<>(request.json().getBytes(StandardCharsets.UTF_8), headers), String.class);

        JsonNode body = answered(answer);
        if (answer.getStatusCode() == HttpStatus.OK) {
            assertThat(body.path("calls").asInt()).as("every call accounted for").isEqualTo(body.path("accepted").asInt()
                    + body.path("duplicates").asInt() + body.path("ignored").asInt() + body.path("refused").asInt());
            assertThat(stored(PoisonRecords.USAGE, request.validTracks())).as("every good track stored")
                    .hasSameSizeAs(request.validTracks());
            assertThat(body.path("errors").size()).isLessThanOrEqualTo(100);
            body.path("errors").forEach(PoisonedIntakesApiIntegrationTest::namesRecordAndField);
            if (request.batch()) {
                assertThat(deadLetters("segment", "segment/call")).as("each refused call its own dead letter")
                        .isEqualTo(callLetters + body.path("refused").asInt());
            }
        } else if (answer.getStatusCode() == HttpStatus.PAYLOAD_TOO_LARGE) {
            // Larger than a webhook takes: refused before it is read, so there is no call to keep.
            assertThat(body.path("detail").asText()).contains("tenure.webhooks.max-body");
            assertThat(stored(PoisonRecords.USAGE, request.validTracks())).as("nothing of a refused request").isEmpty();
        } else {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            namesRecordsAndFields(body);
            assertThat(stored(PoisonRecords.USAGE, request.validTracks())).as("nothing of a refused request").isEmpty();
            assertThat(deadLetters("segment", "segment/" + (request.pathType() == null ? "call" : request.pathType())))
                    .as("kept as one dead letter").isEqualTo(requestLetters + 1);
        }
    }

    // ---------------------------------------------------------------- Stripe and Zendesk

    @TestFactory
    Stream<DynamicNode> stripe_takes_ignores_or_refuses_an_event_naming_the_field() {
        Fixture fixture = fixture("Stripe Poison");
        StripeSignature stripe = new StripeSignature(STRIPE_SECRET, Duration.ofMinutes(5));
        List<Spoiling> events = new ArrayList<>(draws.draw(spoilings(PoisonCalls.STRIPE), VENDOR_CASES));
        PoisonCalls.STRIPE.forEach(kind -> PoisonRecords.edges(kind).forEach(edge -> events.add(new Spoiling(kind, edge))));
        List<DynamicNode> cases = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Record event = events.get(i).applied(tag, i, fixture);
            cases.add(DynamicTest.dynamicTest("stripe #" + i + ": " + (event.valid() ? "valid" : event.spoiled()), () -> {
                byte[] bytes = event.json().getBytes(StandardCharsets.UTF_8);
                long at = TestClock.now().getEpochSecond();
                vendorEventTakenIgnoredOrRefused("stripe", event, "/api/webhooks/stripe", bytes,
                        StripeSignature.HEADER, "t=" + at + ",v1=" + HexFormat.of().formatHex(stripe.sign(at, bytes)));
            }));
        }
        for (String body : BROKEN_BODIES) {
            Record broken = PoisonRecords.spoil(PoisonCalls.valid(PoisonCalls.STRIPE_INVOICE, tag, 9_999, fixture.accountId()),
                    List.of(new PoisonRecords.WholeRecord(body)));
            cases.add(DynamicTest.dynamicTest("stripe body " + PoisonRecords.shown(body), () -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                long at = TestClock.now().getEpochSecond();
                vendorEventTakenIgnoredOrRefused("stripe", broken, "/api/webhooks/stripe", bytes,
                        StripeSignature.HEADER, "t=" + at + ",v1=" + HexFormat.of().formatHex(stripe.sign(at, bytes)));
            }));
        }
        // The signature header itself, as a forger or a broken proxy sends it: refused, never a server error.
        byte[] event = PoisonCalls.valid(PoisonCalls.STRIPE_INVOICE, tag, 999, fixture.accountId()).json().getBytes(StandardCharsets.UTF_8);
        for (String header : List.of("", "t=", "t=1e100000,v1=00", "t=99999999999999999999,v1=ab", "v1=" + "a".repeat(4_000),
                "t=" + TestClock.now().getEpochSecond() + ",v1=" + "zz".repeat(32), ",,,,=,=", "t=-1,v1=\u00e9")) {
            cases.add(DynamicTest.dynamicTest("stripe signature " + PoisonRecords.shown(header), () -> {
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_JSON);
                headers.set(StripeSignature.HEADER, header);
                ResponseEntity<String> answer = anonymous.postForEntity("/api/webhooks/stripe", new HttpEntity<>(event, headers),
                        String.class);
                assertThat(answer.getStatusCode().value()).isIn(400, 401);
                answered(answer);
            }));
        }
        return Stream.of(DynamicContainer.dynamicContainer("stripe (seed " + draws.seed() + ")", cases),
                DynamicTest.dynamicTest("then the application is healthy and takes a good record", () -> stillHealthy(fixture)));
    }

    @TestFactory
    Stream<DynamicNode> zendesk_takes_ignores_or_refuses_an_event_naming_the_field() {
        Fixture fixture = fixture("Zendesk Poison");
        List<Spoiling> events = new ArrayList<>(draws.draw(spoilings(PoisonCalls.ZENDESK), VENDOR_CASES));
        PoisonCalls.ZENDESK.forEach(kind -> PoisonRecords.edges(kind).forEach(edge -> events.add(new Spoiling(kind, edge))));
        List<DynamicNode> cases = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Record event = events.get(i).applied(tag, i, fixture);
            cases.add(DynamicTest.dynamicTest("zendesk #" + i + ": " + (event.valid() ? "valid" : event.spoiled()), () ->
                    vendorEventTakenIgnoredOrRefused("zendesk", event, "/api/webhooks/zendesk",
                            event.json().getBytes(StandardCharsets.UTF_8), "X-Tenure-Source-Secret", SOURCE_SECRET)));
        }
        for (String body : BROKEN_BODIES) {
            Record broken = PoisonRecords.spoil(PoisonCalls.valid(PoisonCalls.ZENDESK_TICKET, tag, 9_999, fixture.accountId()),
                    List.of(new PoisonRecords.WholeRecord(body)));
            cases.add(DynamicTest.dynamicTest("zendesk body " + PoisonRecords.shown(body), () -> vendorEventTakenIgnoredOrRefused(
                    "zendesk", broken, "/api/webhooks/zendesk", body.getBytes(StandardCharsets.UTF_8), "X-Tenure-Source-Secret",
                    SOURCE_SECRET)));
        }
        return Stream.of(DynamicContainer.dynamicContainer("zendesk (seed " + draws.seed() + ")", cases),
                DynamicTest.dynamicTest("then the application is healthy and takes a good record", () -> stillHealthy(fixture)));
    }

    private void vendorEventTakenIgnoredOrRefused(String source, Record event, String path, byte[] body, String header,
                                                  String headerValue) {
        long letters = deadLetters(source, "webhook/" + source);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(header, headerValue);

        ResponseEntity<String> answer = anonymous.postForEntity(path, new HttpEntity<>(body, headers), String.class);

        JsonNode receipt = answered(answer);
        List<String> keys = event.valid() ? List.of(event.key()) : List.of();
        if (answer.getStatusCode() == HttpStatus.OK) {
            assertThat(receipt.path("ignored").asBoolean() || receipt.path("accepted").asInt() + receipt.path("duplicates").asInt() == 1)
                    .as("taken or ignored: %s", receipt).isTrue();
            if (event.valid()) {
                assertThat(receipt.path("accepted").asInt()).as("a valid event is taken").isEqualTo(1);
                assertThat(stored(PoisonRecords.USAGE, keys)).hasSize(1);
            }
        } else {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            namesRecordsAndFields(receipt);
            assertThat(stored(PoisonRecords.USAGE, keys)).isEmpty();
            assertThat(deadLetters(source, "webhook/" + source)).as("kept as a dead letter").isEqualTo(letters + 1);
        }
    }

    // ---------------------------------------------------------------- what every answer keeps to

    /** Not a server error, short, without the database's words; its body as JSON. */
    private JsonNode answered(ResponseEntity<String> answer) {
        String text = Objects.requireNonNullElse(answer.getBody(), "");
        assertThat(answer.getStatusCode().is5xxServerError()).as("a server error: %s", PoisonRecords.shown(text)).isFalse();
        assertThat(text.length()).as("answer size").isLessThan(MOST_ANSWER);
        DATABASE_WORDS.forEach(word -> assertThat(text).as("the database's words").doesNotContain(word));
        try {
            return text.isEmpty() ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + PoisonRecords.shown(text), e);
        }
    }

    /** A 400 problem: what was refused, each problem naming its record and field. */
    private static void namesRecordsAndFields(JsonNode problem) {
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("errors")).as("errors of %s", problem).isNotEmpty();
        problem.path("errors").forEach(PoisonedIntakesApiIntegrationTest::namesRecordAndField);
    }

    private static void namesRecordAndField(JsonNode error) {
        assertThat(error.path("record").asText()).as("the record of %s", error).isNotBlank();
        assertThat(error.path("field").asText()).as("the field of %s", error).isNotBlank();
        assertThat(error.path("message").asText()).isNotBlank();
    }

    /** Health is UP, and a normal usage record is taken as ever. */
    private void stillHealthy(Fixture fixture) {
        assertThat(anonymous.getForObject("/actuator/health", JsonNode.class).path("status").asText()).isEqualTo("UP");
        Record usage = valid(PoisonRecords.USAGE, 999_999, fixture);

        ResponseEntity<String> answer = postWebhook("usage", usage.json());

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(stored(PoisonRecords.USAGE, List.of(usage.key()))).hasSize(1);
    }

    private long deadLetters(String source, String origin) {
        return jdbc.sql("SELECT count(*) FROM dead_letter WHERE source = ? AND origin = ?").params(source, origin)
                .query(Long.class).single();
    }

    private long signalsOf(String accountId) {
        return jdbc.sql("SELECT count(*) FROM all_signals WHERE account_id = ?").param(accountId).query(Long.class).single();
    }

    private long contactsOf(String accountId) {
        return jdbc.sql("SELECT count(*) FROM contact WHERE account_id = ?").param(accountId).query(Long.class).single();
    }
}
