package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When an account churns and comes back: the rules every place that runs rules shares. */
class LifecycleUnitTest {

    private static final Instant NOW = Instant.parse("2026-12-09T14:00:00Z");

    @Test
    void a_cancellation_churns_an_active_account_and_a_reactivation_brings_it_back_where_it_was() {
        assertThat(Lifecycle.onBilling(BillingEvent.SUBSCRIPTION_CANCELLED, Stage.RENEWAL, null)).contains(Stage.CHURNED);
        assertThat(Lifecycle.onBilling(BillingEvent.SUBSCRIPTION_CANCELLED, Stage.CHURNED, Stage.VALUE)).isEmpty();
        assertThat(Lifecycle.onBilling(BillingEvent.SUBSCRIPTION_REACTIVATED, Stage.CHURNED, Stage.RENEWAL)).contains(Stage.RENEWAL);
        assertThat(Lifecycle.onBilling(BillingEvent.SUBSCRIPTION_REACTIVATED, Stage.CHURNED, null)).contains(Stage.ADOPTION);
        assertThat(Lifecycle.onBilling(BillingEvent.SUBSCRIPTION_REACTIVATED, Stage.VALUE, null)).isEmpty();
        assertThat(Lifecycle.onBilling(BillingEvent.PAYMENT_FAILED, Stage.VALUE, null)).isEmpty();
    }

    @Test
    void a_cancellation_or_reactivation_older_than_the_account_s_last_move_in_or_out_of_churned_changes_nothing() {
        Instant sourceChurned = Instant.parse("2026-12-01T09:00:00Z");
        Instant before = Instant.parse("2026-09-01T00:00:00Z");
        Instant after = Instant.parse("2026-12-05T00:00:00Z");

        assertThat(Lifecycle.onBilling(BillingEvent.SUBSCRIPTION_REACTIVATED, before, Stage.CHURNED, Stage.VALUE, sourceChurned)).isEmpty();
        assertThat(Lifecycle.onBilling(BillingEvent.SUBSCRIPTION_REACTIVATED, after, Stage.CHURNED, Stage.VALUE, sourceChurned))
                .contains(Stage.VALUE);
        assertThat(Lifecycle.onBilling(BillingEvent.SUBSCRIPTION_CANCELLED, before, Stage.VALUE, null, sourceChurned)).isEmpty();
        assertThat(Lifecycle.onBilling(BillingEvent.SUBSCRIPTION_CANCELLED, before, Stage.VALUE, null, null)).as("never moved")
                .contains(Stage.CHURNED);
    }

    @Test
    void a_source_churns_or_reactivates_but_otherwise_the_stored_stage_stays() {
        assertThat(Lifecycle.onSource(Stage.CHURNED, Stage.VALUE)).contains(Stage.CHURNED);
        assertThat(Lifecycle.onSource(Stage.EXPANSION, Stage.CHURNED)).contains(Stage.EXPANSION);
        assertThat(Lifecycle.onSource(Stage.ONBOARDING, Stage.VALUE)).as("rules moved it on since").isEmpty();
        assertThat(Lifecycle.onSource(null, Stage.CHURNED)).isEmpty();
    }

    @Test
    void a_rule_may_churn_an_account_but_not_move_a_churned_one() {
        assertThat(Lifecycle.onRule(Stage.ADOPTION, Stage.ONBOARDING)).contains(Stage.ADOPTION);
        assertThat(Lifecycle.onRule(Stage.CHURNED, Stage.VALUE)).contains(Stage.CHURNED);
        assertThat(Lifecycle.onRule(Stage.VALUE, Stage.CHURNED)).isEmpty();
    }

    @Test
    void the_stage_after_signals_follows_them_in_time_order_up_to_now() {
        List<Signal> signals = List.of(
                billing(BillingEvent.SUBSCRIPTION_REACTIVATED, "2026-11-20T00:00:00Z"),
                billing(BillingEvent.SUBSCRIPTION_CANCELLED, "2026-11-01T00:00:00Z"),
                billing(BillingEvent.SUBSCRIPTION_CANCELLED, "2026-12-20T00:00:00Z"));

        assertThat(ReplayedStage.after(Stage.EXPANSION, signals, NOW).current()).as("the December cancellation is not known yet")
                .isEqualTo(Stage.EXPANSION);
        assertThat(ReplayedStage.after(Stage.EXPANSION, signals.subList(1, 2), NOW).current()).isEqualTo(Stage.CHURNED);
    }

    @Test
    void a_cancellation_counts_once_its_time_has_come_allowing_for_a_sender_s_clock_a_few_minutes_fast() {
        List<Signal> monthsAhead = List.of(billing(BillingEvent.SUBSCRIPTION_CANCELLED, "2027-03-09T14:00:00Z"),
                billing(BillingEvent.SUBSCRIPTION_REACTIVATED, "2026-12-09T14:00:00Z"));
        List<Signal> minutesAhead = List.of(billing(BillingEvent.SUBSCRIPTION_CANCELLED, "2026-12-09T14:04:00Z"));

        assertThat(ReplayedStage.after(Stage.VALUE, monthsAhead, NOW).current()).isEqualTo(Stage.VALUE);
        assertThat(ReplayedStage.after(Stage.VALUE, minutesAhead, NOW).current()).isEqualTo(Stage.CHURNED);
        assertThat(Lifecycle.hasHappened(Instant.parse("2026-12-09T14:05:00Z"), NOW)).isTrue();
        assertThat(Lifecycle.hasHappened(Instant.parse("2026-12-09T14:05:01Z"), NOW)).isFalse();
    }

    @Test
    void a_replay_starts_an_account_as_it_was() {
        assertThat(Lifecycle.stageAt(Stage.CHURNED, Stage.VALUE, null, true)).as("cancelled later").isEqualTo(Stage.VALUE);
        assertThat(Lifecycle.stageAt(Stage.CHURNED, Stage.VALUE, BillingEvent.SUBSCRIPTION_CANCELLED, false)).isEqualTo(Stage.CHURNED);
        assertThat(Lifecycle.stageAt(Stage.VALUE, null, BillingEvent.SUBSCRIPTION_CANCELLED, true)).as("came back later")
                .isEqualTo(Stage.CHURNED);
        assertThat(Lifecycle.stageAt(Stage.CHURNED, null, null, false)).as("churned by a source, when is not known")
                .isEqualTo(Stage.CHURNED);
    }

    private static BillingSignal billing(BillingEvent event, String at) {
        return new BillingSignal("test", event + at, "acme", Instant.parse(at), event, null, "USD", null);
    }
}
