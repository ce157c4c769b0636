package dev.tenure.connectors.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.vendors.VendorEvent;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each Stripe event type becomes, and where the account comes from. */
class StripeBillingEventsUnitTest {

    private final ObjectMapper json = new ObjectMapper();
    private final StripeBillingEvents metadata = new StripeBillingEvents("metadata.tenure_account_id");
    private final StripeBillingEvents customer = new StripeBillingEvents("customer");

    @Test
    void a_failed_invoice_payment_is_payment_failed_with_the_amount_due_in_main_units() {
        VendorEvent event = metadata.read(event("invoice.payment_failed", """
                {"id": "in_1", "amount_due": 12345, "currency": "usd", "metadata": {"tenure_account_id": "acme"}}"""));

        assertThat(event.record().toString()).isEqualTo("""
                {"source":"stripe","eventId":"evt_1","accountId":"acme","occurredAt":"2026-11-24T10:00:00Z",\
                "event":"PAYMENT_FAILED","currency":"USD","amount":123.45,"invoiceId":"in_1"}""");
    }

    @Test
    void a_zero_decimal_currency_keeps_its_amount() {
        VendorEvent event = metadata.read(event("invoice.paid", """
                {"id": "in_2", "amount_paid": 5000, "currency": "jpy", "metadata": {"tenure_account_id": "acme"}}"""));

        assertThat(event.record().path("amount").decimalValue()).isEqualByComparingTo("5000");
        assertThat(event.record().path("currency").asText()).isEqualTo("JPY");
    }

    @Test
    void the_customer_id_can_be_the_account_id_also_when_the_customer_is_expanded() {
        assertThat(customer.read(event("invoice.paid", """
                {"id": "in_3", "amount_paid": 1, "customer": "cus_9"}""")).record().path("accountId").asText()).isEqualTo("cus_9");
        assertThat(customer.read(event("invoice.paid", """
                {"id": "in_3", "amount_paid": 1, "customer": {"id": "cus_9", "object": "customer"}}""")).record()
                .path("accountId").asText()).isEqualTo("cus_9");
    }

    @Test
    void a_missing_account_field_is_refused_naming_the_field_and_the_setting() {
        assertThatThrownBy(() -> customer.read(event("invoice.paid", """
                {"id": "in_4", "amount_paid": 1}""")))
                .isInstanceOf(RejectedRecordsException.class)
                .hasMessageContaining("stripe event evt_1 (invoice.paid)")
                .hasMessageContaining("data.object.customer")
                .hasMessageContaining("tenure.stripe.account-field");
    }

    @Test
    void a_plan_change_on_a_legacy_plan_subscription_is_an_mrr_change_to_the_new_amount() {
        JsonNode event = legacyPlanUpdate("{\"plan\": {\"amount\": 4900, \"interval\": \"month\"}}");

        assertThat(customer.read(event).record().path("amount").decimalValue()).isEqualByComparingTo("297.00");
    }

    @Test
    void a_quarterly_price_counts_a_third_per_month() {
        JsonNode event = event("customer.subscription.updated", """
                {"id": "sub_1", "currency": "usd", "customer": "acme",
                 "items": {"data": [{"quantity": 1, "price": {"unit_amount": 30000, "recurring": {"interval": "month", "interval_count": 3}}}]}}""");
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("data")).set("previous_attributes",
                read("{\"items\": {\"data\": [{\"quantity\": 1, \"price\": {\"unit_amount\": 15000, \"recurring\": {\"interval\": \"month\", \"interval_count\": 3}}}]}}"));

        assertThat(customer.read(event).record().path("amount").decimalValue()).isEqualByComparingTo("100.00");
    }

    @Test
    void an_envelope_without_its_fields_is_refused_naming_each() {
        assertThatThrownBy(() -> metadata.read(read("{\"object\": \"event\"}")))
                .isInstanceOf(RejectedRecordsException.class)
                .hasMessageContaining("id: missing")
                .hasMessageContaining("type: missing")
                .hasMessageContaining("created: missing or not epoch seconds")
                .hasMessageContaining("data.object: missing");
    }

    @Test
    void a_subscription_created_or_resumed_is_a_reactivation() {
        for (String type : new String[] {"customer.subscription.created", "customer.subscription.resumed"}) {
            VendorEvent event = metadata.read(event(type, """
                    {"id": "sub_1", "status": "active", "currency": "eur", "metadata": {"tenure_account_id": "acme"}}"""));

            assertThat(event.record().path("event").asText()).as(type).isEqualTo("SUBSCRIPTION_REACTIVATED");
            assertThat(event.record().path("accountId").asText()).isEqualTo("acme");
        }
    }

    @Test
    void an_unused_event_type_is_ignored_with_the_reason() {
        VendorEvent event = metadata.read(event("charge.refunded", "{\"id\": \"ch_1\"}"));

        assertThat(event.ignored()).isTrue();
        assertThat(event.ignoredBecause()).isEqualTo("Tenure does not use Stripe events of type charge.refunded");
    }

    @Test
    void a_subscription_event_says_which_subscription_of_which_account_is_live_at_what_price() {
        SubscriptionChange created = metadata.subscription(event("customer.subscription.created", """
                {"id": "sub_addon", "status": "active", "currency": "usd", "metadata": {"tenure_account_id": "acme"},
                 "items": {"data": [{"quantity": 2, "price": {"unit_amount": 5000, "recurring": {"interval": "month"}}}]}}""")).orElseThrow();
        SubscriptionChange deleted = metadata.subscription(event("customer.subscription.deleted", """
                {"id": "sub_addon", "status": "canceled", "metadata": {"tenure_account_id": "acme"}}""")).orElseThrow();
        SubscriptionChange canceled = customer.subscription(event("customer.subscription.updated", """
                {"id": "sub_2", "status": "canceled", "customer": {"id": "cus_9"}}""")).orElseThrow();

        assertThat(created).isEqualTo(new SubscriptionChange("sub_addon", "acme", true, true, new java.math.BigDecimal("100.00"),
                java.time.Instant.ofEpochSecond(1795514400)));
        assertThat(deleted.starts()).isFalse();
        assertThat(deleted.live()).isFalse();
        assertThat(deleted.monthly()).isNull();
        assertThat(canceled.accountId()).isEqualTo("cus_9");
        assertThat(canceled.live()).isFalse();
        assertThat(metadata.subscription(event("customer.subscription.created", """
                {"id": "sub_3", "status": "incomplete", "metadata": {"tenure_account_id": "acme"}}""")).orElseThrow().live())
                .as("a first payment that never went through starts no subscription").isFalse();
        assertThat(metadata.subscription(event("customer.subscription.updated", """
                {"id": "sub_4", "status": "past_due", "metadata": {"tenure_account_id": "acme"}}""")).orElseThrow().live()).isTrue();
        assertThat(metadata.subscription(event("invoice.paid", """
                {"id": "in_1", "metadata": {"tenure_account_id": "acme"}}"""))).isEmpty();
        assertThat(metadata.subscription(event("customer.subscription.deleted", "{\"id\": \"sub_1\"}"))).isEmpty();
    }

    @Test
    void ending_one_of_two_subscriptions_is_an_mrr_change_to_what_the_other_costs_not_a_cancellation() {
        JsonNode envelope = event("customer.subscription.deleted", """
                {"id": "sub_addon", "status": "canceled", "currency": "usd", "metadata": {"tenure_account_id": "acme"}}""");
        VendorEvent deleted = metadata.read(envelope);
        SubscriptionChange change = metadata.subscription(envelope).orElseThrow();

        VendorEvent kept = StripeBillingEvents.beside(deleted, change, java.util.List.of(
                new KnownSubscription("sub_plan", new java.math.BigDecimal("400.00"))));
        VendorEvent unknownPrice = StripeBillingEvents.beside(deleted, change, java.util.List.of(new KnownSubscription("sub_old", null)));
        VendorEvent alone = StripeBillingEvents.beside(deleted, change, java.util.List.of());

        assertThat(kept.record().path("event").asText()).isEqualTo("MRR_CHANGED");
        assertThat(kept.record().path("amount").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(deleted.record().path("event").asText()).as("the event read is left as it was").isEqualTo("SUBSCRIPTION_CANCELLED");
        assertThat(unknownPrice.ignored()).isTrue();
        assertThat(unknownPrice.ignoredBecause()).contains("sub_old", "has not cancelled");
        assertThat(alone).isSameAs(deleted);
    }

    @Test
    void a_price_change_of_one_subscription_gives_the_account_its_new_price_plus_the_others() {
        JsonNode event = legacyPlanUpdate("{\"quantity\": 2}");

        SubscriptionChange change = customer.subscription(event).orElseThrow();

        VendorEvent both = StripeBillingEvents.beside(customer.read(event), change, java.util.List.of(
                new KnownSubscription("sub_2", new java.math.BigDecimal("50.00"))));
        VendorEvent oneUnknown = StripeBillingEvents.beside(customer.read(event), change, java.util.List.of(
                new KnownSubscription("sub_2", new java.math.BigDecimal("50.00")), new KnownSubscription("sub_3", null)));

        assertThat(both.record().path("amount").decimalValue()).isEqualByComparingTo("347.00");
        assertThat(oneUnknown.ignored()).as("no MRR rather than one that leaves sub_3 out").isTrue();
        assertThat(oneUnknown.ignoredBecause()).contains("sub_3", "not known");
    }

    @Test
    void a_subscription_created_beside_a_live_one_is_an_mrr_change_to_what_both_cost() {
        JsonNode envelope = event("customer.subscription.created", """
                {"id": "sub_addon", "status": "active", "currency": "usd", "metadata": {"tenure_account_id": "acme"},
                 "items": {"data": [{"quantity": 1, "price": {"unit_amount": 5000, "recurring": {"interval": "month"}}}]}}""");
        VendorEvent created = metadata.read(envelope);
        SubscriptionChange change = metadata.subscription(envelope).orElseThrow();
        JsonNode unpriced = event("customer.subscription.created", """
                {"id": "sub_seats", "status": "active", "metadata": {"tenure_account_id": "acme"}}""");

        VendorEvent both = StripeBillingEvents.beside(created, change, java.util.List.of(
                new KnownSubscription("sub_plan", new java.math.BigDecimal("400.00"))));
        VendorEvent planUnknown = StripeBillingEvents.beside(created, change, java.util.List.of(new KnownSubscription("sub_plan", null)));
        VendorEvent ownUnknown = StripeBillingEvents.beside(metadata.read(unpriced), metadata.subscription(unpriced).orElseThrow(),
                java.util.List.of(new KnownSubscription("sub_plan", new java.math.BigDecimal("400.00"))));
        VendorEvent alone = StripeBillingEvents.beside(created, change, java.util.List.of());

        assertThat(both.record().path("event").asText()).isEqualTo("MRR_CHANGED");
        assertThat(both.record().path("amount").decimalValue()).isEqualByComparingTo("450.00");
        assertThat(planUnknown.ignored()).isTrue();
        assertThat(planUnknown.ignoredBecause()).contains("sub_plan", "not known");
        assertThat(ownUnknown.ignored()).isTrue();
        assertThat(ownUnknown.ignoredBecause()).contains("this one", "not known");
        assertThat(alone).as("the account's first subscription, or its comeback").isSameAs(created);
    }

    @Test
    void a_subscription_created_beside_a_live_one_at_a_churned_account_brings_it_back_before_its_mrr_moves() {
        JsonNode envelope = event("customer.subscription.created", """
                {"id": "sub_new", "status": "active", "currency": "usd", "metadata": {"tenure_account_id": "acme"},
                 "items": {"data": [{"quantity": 1, "price": {"unit_amount": 5000, "recurring": {"interval": "month"}}}]}}""");
        VendorEvent created = metadata.read(envelope);
        SubscriptionChange change = metadata.subscription(envelope).orElseThrow();
        List<KnownSubscription> plan = List.of(new KnownSubscription("sub_plan", new BigDecimal("400.00")));

        List<VendorEvent> churned = StripeBillingEvents.signals(created, change, plan, stages(Stage.CHURNED));
        List<VendorEvent> active = StripeBillingEvents.signals(created, change, plan, stages(Stage.VALUE));
        List<VendorEvent> planUnknown = StripeBillingEvents.signals(created, change,
                List.of(new KnownSubscription("sub_plan", null)), stages(Stage.CHURNED));

        assertThat(churned).extracting(e -> e.record().path("event").asText())
                .containsExactly("SUBSCRIPTION_REACTIVATED", "MRR_CHANGED");
        assertThat(churned).extracting(e -> e.record().path("eventId").asText()).containsExactly("evt_1", "evt_1:mrr");
        assertThat(churned).extracting(e -> e.record().path("occurredAt").asText()).containsOnly("2026-11-24T10:00:00Z");
        assertThat(churned.get(1).record().path("amount").decimalValue()).isEqualByComparingTo("450.00");
        assertThat(active).as("the account never left").singleElement()
                .satisfies(e -> assertThat(e.record().path("event").asText()).isEqualTo("MRR_CHANGED"))
                .satisfies(e -> assertThat(e.record().path("eventId").asText()).isEqualTo("evt_1"));
        assertThat(planUnknown).as("back, with no MRR rather than a wrong one").containsExactly(created);
    }

    @Test
    void the_only_subscription_a_churned_account_starts_says_what_it_pays_once_back() {
        JsonNode created = event("customer.subscription.created", """
                {"id": "sub_plan", "status": "active", "currency": "usd", "metadata": {"tenure_account_id": "acme"},
                 "items": {"data": [{"quantity": 3, "price": {"unit_amount": 9900, "recurring": {"interval": "month"}}}]}}""");
        JsonNode free = event("customer.subscription.created", """
                {"id": "sub_free", "status": "active", "currency": "usd", "metadata": {"tenure_account_id": "acme"},
                 "items": {"data": [{"quantity": 1, "price": {"unit_amount": 0, "recurring": {"interval": "month"}}}]}}""");
        JsonNode unpriced = event("customer.subscription.created", """
                {"id": "sub_plan", "status": "active", "metadata": {"tenure_account_id": "acme"}}""");
        JsonNode resumed = event("customer.subscription.resumed", """
                {"id": "sub_plan", "status": "active", "currency": "usd", "metadata": {"tenure_account_id": "acme"},
                 "items": {"data": [{"quantity": 3, "price": {"unit_amount": 9900, "recurring": {"interval": "month"}}}]}}""");
        Function<String, Optional<Stage>> unasked = id -> {
            throw new AssertionError("the stage of " + id + " was asked");
        };

        List<VendorEvent> started = StripeBillingEvents.signals(metadata.read(created), metadata.subscription(created).orElseThrow(),
                List.of(), stages(Stage.CHURNED));
        List<VendorEvent> neverLeft = StripeBillingEvents.signals(metadata.read(created), metadata.subscription(created).orElseThrow(),
                List.of(), stages(Stage.VALUE));

        assertThat(neverLeft).as("one bought before Stripe's events came may still be live: the MRR is left as it was")
                .containsExactly(metadata.read(created));
        assertThat(started).extracting(e -> e.record().path("event").asText()).containsExactly("SUBSCRIPTION_REACTIVATED", "MRR_CHANGED");
        assertThat(started).extracting(e -> e.record().path("eventId").asText()).containsExactly("evt_1", "evt_1:mrr");
        assertThat(started).extracting(e -> e.record().path("occurredAt").asText()).containsOnly("2026-11-24T10:00:00Z");
        assertThat(started.get(1).record().path("amount").decimalValue()).isEqualByComparingTo("297.00");
        assertThat(started.get(1).record().path("currency").asText()).isEqualTo("USD");
        assertThat(StripeBillingEvents.signals(metadata.read(free), metadata.subscription(free).orElseThrow(), List.of(), unasked))
                .as("a free plan leaves what the account pays to the reactivation").containsExactly(metadata.read(free));
        assertThat(StripeBillingEvents.signals(metadata.read(unpriced), metadata.subscription(unpriced).orElseThrow(), List.of(),
                unasked)).as("no price sent").containsExactly(metadata.read(unpriced));
        assertThat(StripeBillingEvents.signals(metadata.read(resumed), metadata.subscription(resumed).orElseThrow(), List.of(),
                unasked)).as("paused, its price was still counted").containsExactly(metadata.read(resumed));
    }

    @Test
    void the_accounts_stage_is_not_asked_for_an_end_or_a_resumption() {
        JsonNode deleted = event("customer.subscription.deleted", """
                {"id": "sub_addon", "status": "canceled", "metadata": {"tenure_account_id": "acme"}}""");
        JsonNode resumed = event("customer.subscription.resumed", """
                {"id": "sub_paused", "status": "active", "metadata": {"tenure_account_id": "acme"}}""");
        List<KnownSubscription> plan = List.of(new KnownSubscription("sub_plan", new BigDecimal("400.00")));
        Function<String, Optional<Stage>> unasked = id -> {
            throw new AssertionError("the stage of " + id + " was asked");
        };

        assertThat(StripeBillingEvents.signals(metadata.read(deleted), metadata.subscription(deleted).orElseThrow(), plan, unasked))
                .extracting(e -> e.record().path("event").asText()).containsExactly("MRR_CHANGED");
        assertThat(StripeBillingEvents.signals(metadata.read(resumed), metadata.subscription(resumed).orElseThrow(), plan, unasked))
                .extracting(e -> e.record().path("event").asText()).containsExactly("SUBSCRIPTION_REACTIVATED");
    }

    @Test
    void a_subscription_resumed_beside_a_live_one_changes_nothing_as_paused_it_was_counted() {
        JsonNode envelope = event("customer.subscription.resumed", """
                {"id": "sub_addon", "status": "active", "currency": "usd", "metadata": {"tenure_account_id": "acme"},
                 "items": {"data": [{"quantity": 1, "price": {"unit_amount": 5000, "recurring": {"interval": "month"}}}]}}""");
        VendorEvent resumed = metadata.read(envelope);

        VendorEvent beside = StripeBillingEvents.beside(resumed, metadata.subscription(envelope).orElseThrow(), java.util.List.of(
                new KnownSubscription("sub_plan", new java.math.BigDecimal("400.00"))));

        assertThat(beside).isSameAs(resumed);
    }

    @Test
    void a_subscription_created_incomplete_counts_only_once_its_first_payment_goes_through() {
        JsonNode incomplete = event("customer.subscription.created", """
                {"id": "sub_1", "status": "incomplete", "currency": "usd", "metadata": {"tenure_account_id": "acme"},
                 "items": {"data": [{"quantity": 1, "price": {"unit_amount": 5000, "recurring": {"interval": "month"}}}]}}""");
        JsonNode paid = event("customer.subscription.updated", """
                {"id": "sub_1", "status": "active", "currency": "usd", "metadata": {"tenure_account_id": "acme"},
                 "items": {"data": [{"quantity": 1, "price": {"unit_amount": 5000, "recurring": {"interval": "month"}}}]}}""");
        ((com.fasterxml.jackson.databind.node.ObjectNode) paid.path("data")).set("previous_attributes", read("{\"status\": \"incomplete\"}"));
        JsonNode late = event("customer.subscription.updated", """
                {"id": "sub_1", "status": "active", "metadata": {"tenure_account_id": "acme"}}""");
        ((com.fasterxml.jackson.databind.node.ObjectNode) late.path("data")).set("previous_attributes", read("{\"status\": \"past_due\"}"));

        VendorEvent created = metadata.read(incomplete);
        VendorEvent started = metadata.read(paid);

        assertThat(created.ignored()).isTrue();
        assertThat(created.ignoredBecause()).contains("incomplete", "not live");
        assertThat(metadata.subscription(incomplete).orElseThrow().live()).isFalse();
        assertThat(started.record().path("event").asText()).isEqualTo("SUBSCRIPTION_REACTIVATED");
        assertThat(started.record().has("amount")).isFalse();
        assertThat(metadata.subscription(paid).orElseThrow()).satisfies(c -> {
            assertThat(c.starts()).isTrue();
            assertThat(c.live()).isTrue();
        });
        assertThat(metadata.read(late).ignoredBecause()).as("a late payment made is no start").contains("price did not change");
        assertThat(metadata.subscription(late).orElseThrow().starts()).isFalse();
    }

    /** Three seats of a legacy plan at 99.00 a month, with what the update changed. */
    private JsonNode legacyPlanUpdate(String previousAttributes) {
        JsonNode event = event("customer.subscription.updated", """
                {"id": "sub_1", "currency": "usd", "customer": "acme", "quantity": 3,
                 "plan": {"amount": 9900, "interval": "month", "interval_count": 1}}""");
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("data")).set("previous_attributes", read(previousAttributes));
        return event;
    }

    /** The stage every account has, as the engine would tell it. */
    private static Function<String, Optional<Stage>> stages(Stage stage) {
        return id -> Optional.of(stage);
    }

    private JsonNode event(String type, String object) {
        return read("""
                {"id": "evt_1", "object": "event", "type": "%s", "created": 1795514400, "data": {"object": %s}}"""
                .formatted(type, object));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
