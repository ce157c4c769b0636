package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.deadletters.DeadLetterReplay;
import dev.tenure.connectors.metrics.SourceCounters;
import dev.tenure.connectors.stripe.StripeEvents;
import dev.tenure.connectors.stripe.StripeSignature;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.meters.EngineMeters;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stripe events as Stripe sends them (fixtures in {@code stripe/}), signed with the endpoint secret of
 * the test configuration, become billing signals; unsigned, badly signed or stale calls are refused.
 */
class StripeWebhookIntegrationTest extends ApiIntegrationTest {

    private static final String SECRET = "whsec_test_0123456789abcdef";
    private static final StripeSignature STRIPE = new StripeSignature(SECRET, Duration.ofMinutes(5));

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    DeadLetterReplay replay;
    @Autowired
    StripeEvents stripe;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    MeterRegistry meters;

    @Test
    void a_signed_failed_payment_still_unpaid_a_week_later_starts_the_failed_payment_play_and_its_resend_changes_nothing() {
        TestData account = TestData.account("Stripe Declined", Segment.HIGH_TOUCH).contact(ContactRole.BILLING);
        intake.accept(account.batch());
        // The starter rule waits a week: most failed payments are paid within days. This one failed 8 days ago.
        String event = stripeEvent("invoice.payment_failed", account.id(), TestClock.now().minus(Duration.ofDays(8)));

        ResponseEntity<JsonNode> first = postSigned(event);

        assertThat(first.getStatusCode()).as(String.valueOf(first.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody().path("accepted").asInt()).isEqualTo(1);
        String csm = account.account().csm();
        await().atMost(Duration.ofSeconds(5)).until(() -> items("/api/tasks?owner=" + csm + "&status=OPEN").size() == 1);
        assertThat(items("/api/tasks?owner=" + csm).get(0).path("title").asText()).startsWith("Payment failed at Stripe Declined");
        JsonNode signal = signal(account.id());
        assertThat(signal.path("event").asText()).isEqualTo("PAYMENT_FAILED");
        assertThat(signal.path("amount").decimalValue()).isEqualByComparingTo("420.00");
        assertThat(signal.path("currency").asText()).isEqualTo("USD");
        assertThat(signal.path("invoiceId").asText()).isEqualTo("in_1PzkQ2LkdIwHu7ix8VxWq3Rm");

        ResponseEntity<JsonNode> resent = postSigned(event);

        assertThat(resent.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resent.getBody().path("duplicates").asInt()).isEqualTo(1);
        assertThat(items("/api/plays?accountId=" + account.id())).hasSize(1);
        assertThat(items("/api/tasks?owner=" + csm)).hasSize(1);
    }

    @Test
    void a_paid_invoice_is_invoice_paid_in_the_invoices_currency() {
        TestData account = account("Stripe Paid");
        ResponseEntity<JsonNode> response = postSigned(stripeEvent("invoice.paid", account.id()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode signal = signal(account.id());
        assertThat(signal.path("event").asText()).isEqualTo("INVOICE_PAID");
        assertThat(signal.path("amount").decimalValue()).isEqualByComparingTo("420.00");
        assertThat(signal.path("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void a_bad_signature_a_missing_one_and_a_stale_one_are_refused_naming_the_header() {
        TestData account = account("Stripe Forged");
        String event = stripeEvent("invoice.payment_failed", account.id());
        long now = TestClock.now().getEpochSecond();

        ResponseEntity<JsonNode> forged = postToStripe(event, "t=" + now + ",v1=" + "ab".repeat(32));
        ResponseEntity<JsonNode> unsigned = postToStripe(event, null);
        ResponseEntity<JsonNode> stale = postToStripe(event, header(event, now - Duration.ofMinutes(6).toSeconds()));
        ResponseEntity<JsonNode> tampered = postToStripe(event.replace("42000", "1"), header(event, now));

        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(forged.getBody().path("detail").asText()).contains("Stripe-Signature", "no v1 signature matches");
        assertThat(unsigned.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unsigned.getBody().path("detail").asText()).isEqualTo("header Stripe-Signature: missing");
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(stale.getBody().path("detail").asText()).contains("Stripe-Signature", "tenure.stripe.tolerance");
        assertThat(tampered.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signal WHERE account_id = ?", Integer.class, account.id())).isZero();
    }

    @Test
    void a_signature_is_accepted_when_any_of_several_v1_values_matches_while_the_secret_is_rolled() {
        TestData account = account("Stripe Rolling");
        String event = stripeEvent("invoice.payment_failed", account.id());
        long now = TestClock.now().getEpochSecond();

        ResponseEntity<JsonNode> response = postToStripe(event, "t=" + now + ",v1=" + "00".repeat(32) + ",v1=" + hex(event, now));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void a_subscription_upgrade_and_a_downgrade_are_mrr_changes_to_the_new_monthly_amount() {
        TestData upgraded = account("Stripe Upgrade");
        TestData downgraded = account("Stripe Downgrade");

        postSigned(stripeEvent("customer.subscription.updated.upgrade", upgraded.id()));
        postSigned(stripeEvent("customer.subscription.updated.downgrade", downgraded.id()));

        // 10 seats at 1,200.00 a year from 10 at 50.00 a month; then 4 seats at 50.00 a month from 10.
        JsonNode up = signal(upgraded.id());
        assertThat(up.path("event").asText()).isEqualTo("MRR_CHANGED");
        assertThat(up.path("amount").decimalValue()).isEqualByComparingTo("1000.00");
        JsonNode down = signal(downgraded.id());
        assertThat(down.path("event").asText()).isEqualTo("MRR_CHANGED");
        assertThat(down.path("amount").decimalValue()).isEqualByComparingTo("200.00");
    }

    @Test
    void a_subscription_update_without_a_price_change_and_an_unused_event_type_are_received_and_ignored() {
        TestData account = account("Stripe Quiet");

        ResponseEntity<JsonNode> status = postSigned(stripeEvent("customer.subscription.updated.status", account.id()));
        ResponseEntity<JsonNode> customer = postSigned(stripeEvent("customer.created", account.id()));

        assertThat(status.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(status.getBody().path("ignored").asBoolean()).isTrue();
        assertThat(status.getBody().path("reason").asText()).contains("price did not change");
        assertThat(customer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(customer.getBody().path("ignored").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signal WHERE account_id = ?", Integer.class, account.id())).isZero();
    }

    @Test
    void a_deleted_subscription_is_a_cancellation() {
        TestData account = account("Stripe Gone");

        postSigned(stripeEvent("customer.subscription.deleted", account.id()));

        assertThat(signal(account.id()).path("event").asText()).isEqualTo("SUBSCRIPTION_CANCELLED");
    }

    @Test
    void a_deleted_subscription_churns_the_account_and_a_resumed_one_brings_it_back() {
        TestData account = account("Stripe Back");

        postSigned(stripeEvent("customer.subscription.deleted", account.id()));
        assertThat(stage(account.id())).isEqualTo("CHURNED");
        postSigned(stripeEvent("customer.subscription.resumed", account.id()));

        assertThat(jdbc.queryForObject("SELECT payload->>'event' FROM signal WHERE source = 'stripe' AND account_id = ? "
                + "ORDER BY id DESC LIMIT 1", String.class, account.id())).isEqualTo("SUBSCRIPTION_REACTIVATED");
        assertThat(stage(account.id())).isEqualTo(account.account().stage().name());
    }

    @Test
    void ending_an_add_on_keeps_a_customer_who_still_pays_for_the_plan_and_ending_the_plan_then_churns_it() {
        TestData account = account("Stripe Plan And Add-on");
        Instant start = TestClock.now().minus(Duration.ofDays(40));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(), start, 40000L));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_addon_" + account.id(), account.id(),
                start.plus(Duration.ofDays(1)), 5000L));

        ResponseEntity<JsonNode> addOnEnds = postSigned(subscriptionEvent("customer.subscription.deleted",
                "sub_addon_" + account.id(), account.id(), start.plus(Duration.ofDays(30)), null));

        assertThat(addOnEnds.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(stage(account.id())).isEqualTo(account.account().stage().name());
        JsonNode change = latestSignal(account.id());
        assertThat(change.path("event").asText()).isEqualTo("MRR_CHANGED");
        assertThat(change.path("amount").decimalValue()).isEqualByComparingTo("400.00");

        postSigned(subscriptionEvent("customer.subscription.deleted", "sub_plan_" + account.id(), account.id(),
                start.plus(Duration.ofDays(35)), null));

        assertThat(latestSignal(account.id()).path("event").asText()).isEqualTo("SUBSCRIPTION_CANCELLED");
        assertThat(stage(account.id())).isEqualTo("CHURNED");
    }

    @Test
    void a_late_older_event_does_not_bring_an_ended_subscription_back_to_life() {
        TestData account = account("Stripe Late Update");
        Instant start = TestClock.now().minus(Duration.ofDays(40));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(), start, 40000L));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_addon_" + account.id(), account.id(), start, 5000L));
        postSigned(subscriptionEvent("customer.subscription.deleted", "sub_addon_" + account.id(), account.id(),
                start.plus(Duration.ofDays(20)), null));
        // Stripe does not promise order: an update made before the deletion arrives after it.
        postSigned(subscriptionEvent("customer.subscription.updated", "sub_addon_" + account.id(), account.id(),
                start.plus(Duration.ofDays(10)), 6000L));

        postSigned(subscriptionEvent("customer.subscription.deleted", "sub_plan_" + account.id(), account.id(),
                start.plus(Duration.ofDays(30)), null));

        assertThat(stage(account.id())).isEqualTo("CHURNED");
    }

    @Test
    void both_subscriptions_ending_at_once_churn_the_account() throws Exception {
        TestData account = account("Stripe Both At Once");
        Instant start = TestClock.now().minus(Duration.ofDays(40));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(), start, 40000L));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_addon_" + account.id(), account.id(), start, 5000L));
        Instant end = start.plus(Duration.ofDays(30));

        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var plan = pool.submit(() -> postSigned(subscriptionEvent("customer.subscription.deleted", "sub_plan_" + account.id(),
                    account.id(), end, null)));
            var addOn = pool.submit(() -> postSigned(subscriptionEvent("customer.subscription.deleted", "sub_addon_" + account.id(),
                    account.id(), end, null)));
            assertThat(plan.get().getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(addOn.get().getStatusCode()).isEqualTo(HttpStatus.OK);
        } finally {
            pool.shutdown();
        }

        assertThat(stage(account.id())).isEqualTo("CHURNED");
        assertThat(jdbc.queryForList("SELECT payload->>'event' FROM signal WHERE source = 'stripe' AND account_id = ? "
                + "AND payload->>'event' IN ('MRR_CHANGED', 'SUBSCRIPTION_CANCELLED') AND occurred_at > ? ORDER BY id", String.class,
                account.id(), java.sql.Timestamp.from(start)))
                .containsExactly("MRR_CHANGED", "SUBSCRIPTION_CANCELLED");
    }

    @Test
    void a_subscription_id_the_database_cannot_hold_or_a_price_beyond_any_amount_is_taken_in_without_being_kept() {
        TestData account = account("Stripe Odd Subscription");
        Instant start = TestClock.now().minus(Duration.ofDays(10));

        ResponseEntity<JsonNode> nul = postSigned(subscriptionEvent("customer.subscription.created", "sub_\\u0000" + account.id(),
                account.id(), start, 40000L));
        ResponseEntity<JsonNode> huge = postSigned(subscriptionEvent("customer.subscription.created", "sub_huge_" + account.id(),
                account.id(), start, 100_000_000_000_000_000L));

        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(huge.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForList("SELECT monthly FROM stripe_subscription WHERE account_id = ?", Object.class, account.id()))
                .as("the huge price is kept as unknown; the id with a NUL is not kept").containsExactly((Object) null);
        assertThat(stripeEvents(account.id())).as("the huge price is no MRR either").doesNotContain("MRR_CHANGED");
    }

    @Test
    void an_add_on_bought_beside_a_live_plan_adds_its_price_to_the_accounts_mrr() {
        TestData account = account("Stripe Add-on Bought");
        Instant start = TestClock.now().minus(Duration.ofDays(40));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(), start, 40000L));

        ResponseEntity<JsonNode> addOn = postSigned(subscriptionEvent("customer.subscription.created", "sub_addon_" + account.id(),
                account.id(), start.plus(Duration.ofDays(10)), 5000L));

        assertThat(addOn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(stripeEvents(account.id())).containsExactly("SUBSCRIPTION_REACTIVATED", "MRR_CHANGED");
        assertThat(mrr(account.id())).isEqualByComparingTo("450.00");
        assertThat(stage(account.id())).isEqualTo(account.account().stage().name());
    }

    @Test
    void an_add_on_bought_beside_a_plan_of_unknown_price_is_ignored_with_why_rather_than_giving_a_wrong_mrr() {
        TestData account = account("Stripe Add-on Beside Unknown");
        Instant start = TestClock.now().minus(Duration.ofDays(40));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(), start, null));

        ResponseEntity<JsonNode> addOn = postSigned(subscriptionEvent("customer.subscription.created", "sub_addon_" + account.id(),
                account.id(), start.plus(Duration.ofDays(10)), 5000L));

        assertThat(addOn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(addOn.getBody().path("ignored").asBoolean()).isTrue();
        assertThat(addOn.getBody().path("reason").asText()).contains("sub_plan_" + account.id(), "not known");
        assertThat(stripeEvents(account.id())).containsExactly("SUBSCRIPTION_REACTIVATED");
    }

    @Test
    void an_add_on_whose_first_payment_has_not_gone_through_adds_its_price_only_once_it_has() {
        TestData account = account("Stripe Add-on Unpaid");
        Instant start = TestClock.now().minus(Duration.ofDays(40));
        Instant bought = start.plus(Duration.ofDays(10));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(), start, 40000L));

        ResponseEntity<JsonNode> incomplete = postSigned(subscriptionEvent("customer.subscription.created",
                "sub_addon_" + account.id(), account.id(), bought, 5000L, "incomplete", null));

        assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(incomplete.getBody().path("ignored").asBoolean()).isTrue();
        assertThat(incomplete.getBody().path("reason").asText()).contains("incomplete");
        assertThat(stripeEvents(account.id())).containsExactly("SUBSCRIPTION_REACTIVATED");

        // The customer confirms the payment (3-D Secure): Stripe updates the subscription from incomplete to active.
        postSigned(subscriptionEvent("customer.subscription.updated", "sub_addon_" + account.id(), account.id(),
                bought.plus(Duration.ofMinutes(5)), 5000L, "active", "{\"status\": \"incomplete\"}"));

        assertThat(mrr(account.id())).isEqualByComparingTo("450.00");
    }

    @Test
    void a_churned_account_comes_back_with_a_new_subscription_once_its_first_payment_goes_through() {
        TestData account = account("Stripe Comeback Unpaid");
        Instant now = TestClock.now();
        postSigned(subscriptionEvent("customer.subscription.deleted", "sub_old_" + account.id(), account.id(),
                now.minus(Duration.ofDays(3)), null));
        assertThat(stage(account.id())).isEqualTo("CHURNED");

        postSigned(subscriptionEvent("customer.subscription.created", "sub_new_" + account.id(), account.id(),
                now.minus(Duration.ofDays(2)), 40000L, "incomplete", null));

        assertThat(stage(account.id())).as("a payment that never went through brings nobody back").isEqualTo("CHURNED");

        postSigned(subscriptionEvent("customer.subscription.updated", "sub_new_" + account.id(), account.id(),
                now.minus(Duration.ofDays(1)), 40000L, "active", "{\"status\": \"incomplete\"}"));

        assertThat(stripeEvents(account.id())).as("back, paying what its new subscription costs")
                .containsExactly("SUBSCRIPTION_CANCELLED", "SUBSCRIPTION_REACTIVATED", "MRR_CHANGED");
        assertThat(mrr(account.id())).isEqualByComparingTo("400.00");
        assertThat(stage(account.id())).isEqualTo(account.account().stage().name());
    }

    @Test
    void a_churned_account_that_subscribes_again_is_back() {
        TestData account = account("Stripe Comeback");
        Instant now = TestClock.now();
        postSigned(subscriptionEvent("customer.subscription.deleted", "sub_old_" + account.id(), account.id(),
                now.minus(Duration.ofDays(3)), null));

        postSigned(subscriptionEvent("customer.subscription.created", "sub_new_" + account.id(), account.id(),
                now.minus(Duration.ofDays(1)), 40000L));

        assertThat(stripeEvents(account.id())).as("back, paying what its new subscription costs")
                .containsExactly("SUBSCRIPTION_CANCELLED", "SUBSCRIPTION_REACTIVATED", "MRR_CHANGED");
        assertThat(mrr(account.id())).isEqualByComparingTo("400.00");
        assertThat(stage(account.id())).isEqualTo(account.account().stage().name());
    }

    @Test
    void an_account_a_source_churned_while_its_plan_runs_out_is_back_when_it_buys_again_and_pays_for_both() {
        TestData account = TestData.account("Stripe Churned In Crm", Segment.LOW_TOUCH).stage(Stage.RENEWAL);
        intake.accept(account.batch());
        postSigned(subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(),
                TestClock.now().minus(Duration.ofDays(40)), 40000L));
        // The customer gives notice: the CRM's export says CHURNED and logs the notice as a cancellation (what starts
        // the win-back play), while the plan stays active at Stripe until the end of its period.
        intake.accept(account.next().stage(Stage.CHURNED).billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());
        assertThat(stage(account.id())).isEqualTo("CHURNED");
        assertThat(plays(account.id())).containsExactly("win-back RUNNING");

        // Stripe's times are whole seconds: one on, the purchase is after the churn, as it is for the customer.
        String purchase = subscriptionEvent("customer.subscription.created", "sub_new_" + account.id(), account.id(),
                TestClock.now().plus(Duration.ofSeconds(1)), 5000L);
        ResponseEntity<JsonNode> bought = postSigned(purchase);

        assertThat(bought.getStatusCode()).as(String.valueOf(bought.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(stage(account.id())).isEqualTo("RENEWAL");
        assertThat(plays(account.id())).containsExactly("win-back CANCELLED");
        assertThat(stripeEvents(account.id())).as("the plan's start, then the comeback before its MRR moves")
                .containsExactly("SUBSCRIPTION_REACTIVATED", "SUBSCRIPTION_REACTIVATED", "MRR_CHANGED");
        assertThat(mrr(account.id())).isEqualByComparingTo("450.00");

        ResponseEntity<JsonNode> resent = postSigned(purchase);

        assertThat(resent.getBody().path("accepted").asInt()).as("sent again, now the account is back: %s", resent.getBody()).isZero();
        assertThat(stripeEvents(account.id())).hasSize(3);
    }

    @Test
    void an_add_on_bought_by_an_account_a_source_brought_back_is_no_reactivation() {
        TestData account = TestData.account("Stripe Back In Crm", Segment.LOW_TOUCH).stage(Stage.RENEWAL);
        intake.accept(account.batch());
        postSigned(subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(),
                TestClock.now().minus(Duration.ofDays(40)), 40000L));
        intake.accept(account.next().stage(Stage.CHURNED).batch());
        intake.accept(account.next().stage(Stage.RENEWAL).batch());

        postSigned(subscriptionEvent("customer.subscription.created", "sub_addon_" + account.id(), account.id(),
                TestClock.now().plus(Duration.ofSeconds(1)), 5000L));

        assertThat(stage(account.id())).isEqualTo("RENEWAL");
        assertThat(stripeEvents(account.id())).as("the plan's start, then the add-on's price: the account never left")
                .containsExactly("SUBSCRIPTION_REACTIVATED", "MRR_CHANGED");
        assertThat(mrr(account.id())).isEqualByComparingTo("450.00");
    }

    @Test
    void an_add_ons_creation_arriving_after_its_later_update_leaves_the_mrr_the_update_gave() {
        TestData account = account("Stripe Late Creation");
        Instant start = TestClock.now().minus(Duration.ofDays(40));
        postSigned(subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(), start, 40000L));
        postSigned(subscriptionEvent("customer.subscription.updated", "sub_addon_" + account.id(), account.id(),
                start.plus(Duration.ofDays(10)), 6000L));

        // Stripe does not promise order: the add-on's creation, before the update, arrives after it.
        postSigned(subscriptionEvent("customer.subscription.created", "sub_addon_" + account.id(), account.id(),
                start.plus(Duration.ofDays(1)), 5000L));

        assertThat(mrr(account.id())).isEqualByComparingTo("460.00");
        assertThat(jdbc.queryForObject("SELECT monthly FROM stripe_subscription WHERE subscription_id = ?", BigDecimal.class,
                "sub_addon_" + account.id())).as("the price kept is the update's").isEqualByComparingTo("60.00");
    }

    @Test
    void a_stripe_event_whose_transaction_rolls_back_is_not_counted() {
        TestData account = TestData.account("Stripe Rolled Back", Segment.HIGH_TOUCH).contact(ContactRole.BILLING);
        intake.accept(account.batch());
        double accepted = count(SourceCounters.NAME, "source", "stripe", "kind", "billing", "outcome", "accepted");
        double played = count(EngineMeters.PLAYS_STARTED, "play", "failed-payment");
        String failed = stripeEvent("invoice.payment_failed", account.id(), TestClock.now().minus(Duration.ofDays(8)));
        String created = subscriptionEvent("customer.subscription.created", "sub_plan_" + account.id(), account.id(),
                TestClock.now().minus(Duration.ofDays(8)), 40000L);

        // Taken in inside a transaction that then rolls back: as if the commit had failed.
        transaction.executeWithoutResult(status -> {
            stripe.receive(created.getBytes(StandardCharsets.UTF_8));
            stripe.receive(failed.getBytes(StandardCharsets.UTF_8));
            status.setRollbackOnly();
        });

        assertThat(stripeEvents(account.id())).isEmpty();
        assertThat(count(SourceCounters.NAME, "source", "stripe", "kind", "billing", "outcome", "accepted")).isEqualTo(accepted);
        assertThat(count(EngineMeters.PLAYS_STARTED, "play", "failed-payment")).isEqualTo(played);

        postSigned(created);
        postSigned(failed);

        assertThat(count(SourceCounters.NAME, "source", "stripe", "kind", "billing", "outcome", "accepted")).isEqualTo(accepted + 2);
        assertThat(count(EngineMeters.PLAYS_STARTED, "play", "failed-payment")).isEqualTo(played + 1);
    }

    /** A counter's value, 0 before its first count. */
    private double count(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The latest signal the account got from Stripe, as stored. */
    private JsonNode latestSignal(String accountId) {
        try {
            return json.readTree(jdbc.queryForObject("SELECT payload::text FROM signal WHERE source = 'stripe' AND account_id = ? "
                    + "ORDER BY id DESC LIMIT 1", String.class, accountId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A subscription event as Stripe sends it, with one monthly price in cents (none on a deletion), active (canceled
     * once deleted); an update changed the price.
     */
    private static String subscriptionEvent(String type, String subscription, String accountId, Instant created, Long cents) {
        String previous = type.endsWith(".updated")
                ? "{\"items\": {\"object\": \"list\", \"data\": [{\"quantity\": 1, "
                + "\"price\": {\"unit_amount\": 1, \"recurring\": {\"interval\": \"month\"}}}]}}"
                : null;
        return subscriptionEvent(type, subscription, accountId, created, cents,
                type.endsWith(".deleted") ? "canceled" : "active", previous);
    }

    /** A subscription event with this status and, when not null, these {@code previous_attributes} (JSON). */
    private static String subscriptionEvent(String type, String subscription, String accountId, Instant created, Long cents,
                                            String status, String previousAttributes) {
        String items = cents == null ? "" : """
                "items": {"object": "list", "data": [{"object": "subscription_item", "quantity": 1,
                  "price": {"object": "price", "currency": "usd", "unit_amount": %d, "recurring": {"interval": "month", "interval_count": 1}}}]},
                """.formatted(cents);
        String previous = previousAttributes == null ? "" : ", \"previous_attributes\": " + previousAttributes;
        return """
                {"id": "evt_%s", "object": "event", "api_version": "2024-06-20", "created": %d, "type": "%s",
                 "data": {"object": {"id": "%s", "object": "subscription", "currency": "usd", %s
                   "metadata": {"tenure_account_id": "%s"}, "status": "%s"}%s}}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), created.getEpochSecond(), type, subscription, items,
                        accountId, status, previous);
    }

    /** The billing events the account got from Stripe, in the order they were stored. */
    private List<String> stripeEvents(String accountId) {
        return jdbc.queryForList("SELECT payload->>'event' FROM signal WHERE source = 'stripe' AND account_id = ? ORDER BY id",
                String.class, accountId);
    }

    /** The account's plays, as "play status", oldest first. */
    private List<String> plays(String accountId) {
        return jdbc.queryForList("SELECT play_id || ' ' || status FROM play_run WHERE account_id = ? ORDER BY id", String.class,
                accountId);
    }

    /** The account's MRR as the rules see it: the amount of its latest MRR change by when it happened. */
    private BigDecimal mrr(String accountId) {
        return jdbc.queryForObject("SELECT (payload->>'amount')::numeric FROM signal WHERE source = 'stripe' AND account_id = ? "
                + "AND payload->>'event' = 'MRR_CHANGED' ORDER BY occurred_at DESC, id DESC LIMIT 1", BigDecimal.class, accountId);
    }

    private String stage(String accountId) {
        return jdbc.queryForObject("SELECT stage FROM account WHERE id = ?", String.class, accountId);
    }

    @Test
    void an_event_naming_no_account_is_a_dead_letter_naming_the_field_with_the_event_as_sent() {
        String event = stripeEvent("invoice.payment_failed", "unused").replace("\"tenure_account_id\"", "\"other\"");
        String unknown = stripeEvent("invoice.payment_failed", "no-such-account-" + UUID.randomUUID());

        ResponseEntity<JsonNode> missing = postSigned(event);
        ResponseEntity<JsonNode> notKnown = postSigned(unknown);

        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().path("detail").asText()).contains("data.object.metadata.tenure_account_id", "missing");
        assertThat(notKnown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notKnown.getBody().path("detail").asText()).contains("accountId", "unknown account");
        JsonNode letters = items("/api/dead-letters?source=stripe&size=1000");
        assertThat(letters).anySatisfy(letter -> {
            assertThat(letter.path("reason").asText()).contains("data.object.metadata.tenure_account_id");
            assertThat(letter.path("record").asText()).isEqualTo(event);
            assertThat(letter.path("origin").asText()).isEqualTo("webhook/stripe");
        });
    }

    @Test
    void an_event_for_an_account_not_yet_known_is_replayed_from_its_dead_letter_once_the_account_exists() {
        TestData account = TestData.account("Stripe Early", Segment.LOW_TOUCH);
        String event = stripeEvent("invoice.paid", account.id());
        assertThat(postSigned(event).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        DeadLetter letter = deadLetters.latest("stripe", 1000).stream().filter(d -> d.record().equals(event))
                .findFirst().orElseThrow();
        assertThat(replay.canReplay(letter)).isTrue();

        intake.accept(account.batch());
        IntakeResult result = replay.replay(letter.id());

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(signal(account.id()).path("event").asText()).isEqualTo("INVOICE_PAID");
        assertThat(replay.canReplay(deadLetters.find(letter.id()).orElseThrow())).isFalse();
    }

    private TestData account(String name) {
        TestData account = TestData.account(name, Segment.LOW_TOUCH);
        intake.accept(account.batch());
        return account;
    }

    /** The signal the account got from Stripe, as stored. */
    private JsonNode signal(String accountId) {
        String payload = jdbc.queryForObject("SELECT payload::text FROM signal WHERE source = 'stripe' AND account_id = ?",
                String.class, accountId);
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String stripeEvent(String fixture, String accountId) {
        return stripeEvent(fixture, accountId, TestClock.now());
    }

    private String stripeEvent(String fixture, String accountId, Instant created) {
        try (InputStream in = getClass().getResourceAsStream("stripe/" + fixture + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{event}}", UUID.randomUUID().toString().replace("-", ""))
                    .replace("{{account}}", accountId)
                    .replace("{{created}}", String.valueOf(created.getEpochSecond()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ResponseEntity<JsonNode> postSigned(String event) {
        return postToStripe(event, header(event, TestClock.now().getEpochSecond()));
    }

    private ResponseEntity<JsonNode> postToStripe(String event, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.set(StripeSignature.HEADER, signature);
        }
        // Stripe has no Tenure login and no source secret: the signature is all it brings.
        return anonymous.postForEntity("/api/webhooks/stripe", new HttpEntity<>(event, headers), JsonNode.class);
    }

    private static String header(String event, long timestamp) {
        return "t=" + timestamp + ",v1=" + hex(event, timestamp);
    }

    private static String hex(String event, long timestamp) {
        return HexFormat.of().formatHex(STRIPE.sign(timestamp, event.getBytes(StandardCharsets.UTF_8)));
    }
}
