package dev.tenure.engine.intake;

import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The bounds every stored value keeps, and how a refused value is repeated in its error. */
class RecordBoundsUnitTest {

    private static final Instant NOW = Instant.parse("2026-12-09T14:00:00Z");

    @Test
    void text_with_a_control_character_or_a_lone_surrogate_is_refused_and_line_breaks_only_in_free_text() {
        assertThat(RecordBounds.idProblem("e\u0000x")).isEqualTo("'e\\u0000x' contains a control character (U+0000) at position 2");
        assertThat(RecordBounds.idProblem("tab\there")).contains("U+0009");
        assertThat(RecordBounds.freeTextProblem("line one\nline two\ttabbed")).isNull();
        assertThat(RecordBounds.freeTextProblem("bell\u0007")).contains("U+0007");
        assertThat(RecordBounds.nameProblem("broken \uD83D name")).contains("lone UTF-16 surrogate");
        assertThat(RecordBounds.nameProblem("Zoë 🙂 Ünal")).isNull();
    }

    @Test
    void text_longer_than_its_kind_allows_is_refused_with_its_length() {
        assertThat(RecordBounds.idProblem("x".repeat(200))).isNull();
        assertThat(RecordBounds.idProblem("x".repeat(201))).isEqualTo("is 201 characters long; at most 200");
        assertThat(RecordBounds.freeTextProblem("x".repeat(10_001))).isEqualTo("is 10001 characters long; at most 10000");
    }

    @Test
    void amounts_counts_moments_and_dates_keep_to_sane_ranges() {
        assertThat(RecordBounds.amountProblem(new BigDecimal("-999999999999.99"))).isNull();
        assertThat(RecordBounds.amountProblem(new BigDecimal("-1000000000000"))).isEqualTo("'-1000000000000' is beyond ±999999999999.99");
        assertThat(RecordBounds.amountProblem(new BigDecimal("999999999999.995"))).isEqualTo("'999999999999.995' is beyond ±999999999999.99");
        assertThat(RecordBounds.amountProblem(new BigDecimal("1e100000"))).isEqualTo("'1E+100000' is beyond ±999999999999.99");
        assertThat(RecordBounds.amountProblem(new BigDecimal("12.1234567"))).isEqualTo("'12.1234567' has more than 6 decimal places");
        assertThat(RecordBounds.amountProblem(new BigDecimal("12.123456000"))).isNull();
        assertThat(RecordBounds.rangeProblem(1_000_000_001, 0, RecordBounds.MAX_QUANTITY)).isEqualTo("'1000000001' is more than 1000000000");
        assertThat(RecordBounds.instantProblem(Instant.parse("1999-12-31T23:59:59Z"))).contains("is not between");
        assertThat(RecordBounds.instantProblem(Instant.parse("2099-12-31T23:59:59Z"))).isNull();
        assertThat(RecordBounds.dateProblem(LocalDate.of(3000, 1, 1))).isEqualTo("'3000-01-01' is not between 1970-01-01 and 2199-12-31");
    }

    @Test
    void a_text_field_s_bound_is_found_by_its_record_and_name_as_sources_send_it_and_other_fields_have_none_here() {
        assertThat(RecordBounds.textProblem(UsageSignal.class, "accountId", "a".repeat(201))).isEqualTo("is 201 characters long; at most 200");
        assertThat(RecordBounds.textProblem(Contact.class, "name", "n".repeat(320))).isNull();
        assertThat(RecordBounds.textProblem(NpsSignal.class, "contactEmail", "pat\u0000@acme.example")).contains("U+0000");
        assertThat(RecordBounds.textProblem(NpsSignal.class, "comment", "line one\nline two")).isNull();
        assertThat(RecordBounds.textProblem(TicketSignal.class, "ticketId", "T\n7")).contains("U+000A");
        assertThat(RecordBounds.textProblem(UsageSignal.class, "quantity", "x".repeat(500))).as("not text: read as a number").isNull();
    }

    @Test
    void a_new_account_whose_id_its_page_and_api_address_could_not_carry_is_refused() {
        for (String id : new String[] {"acme/eu", "acme\\eu", "100%", "a;b", ".", ".."}) {
            assertThat(RecordBounds.textProblem(Account.class, "id", id)).as(id).isNotNull();
            assertThat(RecordBounds.textProblem(UsageSignal.class, "accountId", id)).as("an account stored before keeps its signals")
                    .isNull();
        }
        assertThat(RecordBounds.textProblem(Account.class, "id", "acme/eu"))
                .isEqualTo("'acme/eu' contains '/' (at position 5), which the account's page and API address cannot carry; "
                        + "no /, \\, % or ; in an account id");
        for (String id : new String[] {"acme-eu", "0015g00000XyZ1a", "acme.eu", "ACME EU", "acme?x", "acme#1", "café"}) {
            assertThat(RecordBounds.textProblem(Account.class, "id", id)).as(id).isNull();
        }
        assertThat(RecordBounds.textProblem(UsageSignal.class, "eventId", "evt/1")).as("other ids are in no address").isNull();
    }

    /**
     * An account export whose cell held a zero-width space after the id (pasted from a web page) made a second account
     * that looks like the first on every page and list, and the signals naming "acme" went to one and not the other.
     */
    @Test
    void given_an_id_with_an_invisible_character_then_it_is_refused_naming_its_position_and_names_and_free_text_keep_theirs() {
        Account acme = new Account("acme", "Acme", null, null, null, null, null, null, null, null);
        Account lookAlike = new Account("acme\u200B", "Acme", null, null, null, null, null, null, null, null);
        Batch batch = new Batch(List.of(new Labeled<>("accounts.csv line 2", acme), new Labeled<>("accounts.csv line 3", lookAlike)),
                List.of(), List.of());

        assertThat(BatchBounds.check(batch, NOW)).extracting(RecordError::record, RecordError::field, RecordError::message)
                .containsExactly(tuple("accounts.csv line 3", "id", "'acme\\u200b' contains an invisible character (U+200B) at"
                        + " position 5; an id must look like what it is, or it is another record that looks like the first"));
        for (char c : new char[] {'\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'}) {
            String id = c + "evt-1";
            assertThat(RecordBounds.idProblem(id)).as("U+%04X", (int) c).contains("(U+%04X) at position 1".formatted((int) c));
            assertThat(RecordBounds.accountIdProblem("acme" + c)).as("U+%04X", (int) c).contains("invisible character");
            assertThat(RecordBounds.textProblem(TicketSignal.class, "ticketId", "T-1" + c)).as("U+%04X", (int) c).isNotNull();
        }
        // A joiner is part of some scripts' words and of emoji: a name or a comment keeps it.
        assertThat(RecordBounds.nameProblem("Mehr\u200Cdad 👩\u200D💻")).isNull();
        assertThat(RecordBounds.freeTextProblem("👨\u200D👩\u200D👧 \uFEFF")).isNull();
    }

    /**
     * A contact's email is its identity: "pat" and "pat" with a zero-width space were two contacts that looked alike, the
     * champion's changes going to one and the NPS answers to the other. A joiner in the domain is no exception: after a
     * Latin label it is a look-alike too, and a real internationalised domain travels as punycode (xn--).
     */
    @Test
    void given_an_email_with_an_invisible_character_then_it_is_refused_naming_its_position() {
        Contact lookAlike = new Contact("acme", "pat\u200B@acme.example", "Pat", ContactRole.CHAMPION, null, true, false);
        Batch batch = new Batch(List.of(), List.of(new Labeled<>("contacts.csv line 3", lookAlike)), List.of());

        assertThat(BatchBounds.check(batch, NOW)).extracting(RecordError::record, RecordError::field, RecordError::message)
                .containsExactly(tuple("contacts.csv line 3", "email", "'pat\\u200b@acme.example' contains an invisible"
                        + " character (U+200B) at position 4; an email must look like what it is, or it is another contact"
                        + " that looks like the first"));
        // Zero-width space, joiners, word joiner, BOM, soft hyphen, a direction mark, a bidi override.
        for (char c : new char[] {'\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u200E', '\u202E'}) {
            assertThat(RecordBounds.emailProblem("pat" + c + "@acme.example")).as("U+%04X", (int) c).contains("invisible character");
            assertThat(RecordBounds.textProblem(NpsSignal.class, "contactEmail", "pat@acme.example" + c)).as("U+%04X", (int) c)
                    .isEqualTo(RecordBounds.emailProblem("pat@acme.example" + c));
            assertThat(RecordBounds.idProblem("evt-1" + c)).as("U+%04X", (int) c).contains("invisible character");
        }
        assertThat(RecordBounds.emailProblem("pat@xn--mehrdad-example.example")).isNull();
    }

    @Test
    void a_refused_value_is_repeated_short_and_printable() {
        assertThat(RecordBounds.shown("x".repeat(5_000))).isEqualTo("x".repeat(60) + "… (5000 characters)");
        assertThat(RecordBounds.shown("a\u0000b\u001b")).isEqualTo("a\\u0000b\\u001b");
        assertThat(RecordBounds.shown("acme\u200B")).as("an invisible character, seen").isEqualTo("acme\\u200b");
    }

    @Test
    void given_a_batch_with_values_out_of_bounds_then_each_is_named_by_its_record_and_field() {
        Batch batch = Batch.ofSignals(List.of(
                new Labeled<>("usage[0]", new UsageSignal("webhook", "u-1", "acme", Instant.parse("2026-11-01T10:00:00Z"),
                        "core", 2_000_000_000L, 3)),
                new Labeled<>("billing[1]", new BillingSignal("webhook", "b-1", "acme", Instant.parse("+102026-01-01T00:00:00Z"),
                        BillingEvent.MRR_CHANGED, new BigDecimal("1e200000"), "USD", null))));

        assertThat(BatchBounds.check(batch, NOW)).extracting(RecordError::record, RecordError::field).containsExactly(
                tuple("usage[0]", "quantity"), tuple("billing[1]", "occurredAt"), tuple("billing[1]", "amount"));
    }

    @Test
    void a_contact_s_time_of_change_keeps_to_the_same_range_and_a_contact_change_is_no_signal_a_source_sends() {
        Contact ana = new Contact("acme", "ana@acme.test", "Ana", ContactRole.CHAMPION, null, false, false);
        Batch batch = new Batch(List.of(), List.of(new Labeled<>("contacts.csv line 2", ana, Instant.parse("1999-12-31T23:59:59Z")),
                new Labeled<>("contacts.csv line 3", ana, Instant.parse("2026-11-01T10:00:00Z"))),
                List.of(new Labeled<>("event c-1", new ContactSignal("webhook", "c-1", "acme", Instant.parse("2026-11-01T10:00:00Z"),
                        "ana@acme.test", ContactRole.CHAMPION, ContactChange.BECAME_INACTIVE, "true", "false", false, false))));

        assertThat(BatchBounds.check(batch, NOW)).extracting(RecordError::record, RecordError::field).containsExactly(
                tuple("contacts.csv line 2", "changedAt"), tuple("event c-1", "kind"));
    }

    @Test
    void given_a_cancellation_or_reactivation_stamped_ahead_of_now_then_its_occurredAt_is_refused_and_other_signals_ahead_are_not() {
        Batch batch = Batch.ofSignals(List.of(
                new Labeled<>("billing[0] (event c-1)", billing("c-1", BillingEvent.SUBSCRIPTION_CANCELLED, "2027-03-09T14:00:00Z")),
                new Labeled<>("billing[1] (event r-1)", billing("r-1", BillingEvent.SUBSCRIPTION_REACTIVATED, "2026-12-09T14:06:00Z")),
                new Labeled<>("billing[2] (event c-2)", billing("c-2", BillingEvent.SUBSCRIPTION_CANCELLED, "2026-12-09T14:04:00Z")),
                new Labeled<>("billing[3] (event p-1)", billing("p-1", BillingEvent.INVOICE_PAID, "2027-03-09T14:00:00Z"))));

        List<RecordError> errors = BatchBounds.check(batch, NOW);

        // A sender's clock a few minutes fast is allowed for; an invoice paid ahead counts once its time comes, as any fact.
        assertThat(errors).extracting(RecordError::record, RecordError::field).containsExactly(
                tuple("billing[0] (event c-1)", "occurredAt"), tuple("billing[1] (event r-1)", "occurredAt"));
        assertThat(errors.get(0).message()).isEqualTo("'2027-03-09T14:00:00Z' is ahead of now (2026-12-09T14:00:00Z): "
                + "a SUBSCRIPTION_CANCELLED counts once it has happened, so send it then (up to 5 minutes ahead is taken "
                + "as now, for clocks that run fast)");
    }

    private static BillingSignal billing(String id, BillingEvent event, String at) {
        return new BillingSignal("webhook", id, "acme", Instant.parse(at), event, null, "USD", null);
    }
}
