package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An account's stage in a replay moves in the order things happened, whoever moved it, as it moved live. */
class ReplayedStageUnitTest {

    static final Instant START = Instant.parse("2012-03-01T00:00:00Z");
    static final Instant CHURNED_BY_CRM = Instant.parse("2012-03-05T09:00:00Z");
    static final Instant BACK_BY_CRM = Instant.parse("2012-03-12T09:00:00Z");

    @Test
    void given_a_source_s_churn_and_return_then_the_stage_follows_them_at_their_moments() {
        List<String> moves = new ArrayList<>();
        ReplayedStage stage = new ReplayedStage(Stage.VALUE, null, null,
                List.of(source(Stage.VALUE, Stage.CHURNED, CHURNED_BY_CRM), source(Stage.CHURNED, Stage.VALUE, BACK_BY_CRM)),
                (from, to, at) -> moves.add(from + ">" + to + "@" + at));

        stage.reach(CHURNED_BY_CRM.minusSeconds(1));
        assertThat(stage.current()).isEqualTo(Stage.VALUE);
        stage.reach(CHURNED_BY_CRM);
        assertThat(stage.current()).as("from its moment").isEqualTo(Stage.CHURNED);
        stage.reach(BACK_BY_CRM.plusSeconds(3600));
        assertThat(stage.current()).isEqualTo(Stage.VALUE);
        assertThat(moves).containsExactly("VALUE>CHURNED@" + CHURNED_BY_CRM, "CHURNED>VALUE@" + BACK_BY_CRM);
    }

    @Test
    void a_source_s_churn_comes_before_a_later_billing_signal_that_is_replayed_first() {
        ReplayedStage stage = new ReplayedStage(Stage.RENEWAL, null, null,
                List.of(source(Stage.RENEWAL, Stage.CHURNED, CHURNED_BY_CRM)), ReplayedStage.Moves.NONE);

        stage.add(billing(BillingEvent.SUBSCRIPTION_REACTIVATED, CHURNED_BY_CRM.plusSeconds(3600)));

        assertThat(stage.current()).as("churned, then back where it was").isEqualTo(Stage.RENEWAL);
    }

    @Test
    void a_billing_signal_older_than_the_last_move_by_the_start_is_history_and_a_newer_one_counts() {
        Instant sourceChurned = START.minusSeconds(30 * 86_400);
        ReplayedStage churned = new ReplayedStage(Stage.CHURNED, Stage.VALUE, sourceChurned, List.of(), ReplayedStage.Moves.NONE);

        churned.add(billing(BillingEvent.SUBSCRIPTION_REACTIVATED, sourceChurned.minusSeconds(86_400)));
        assertThat(churned.current()).as("a reactivation from before the source's churn").isEqualTo(Stage.CHURNED);
        churned.add(billing(BillingEvent.SUBSCRIPTION_REACTIVATED, START.plusSeconds(86_400)));
        assertThat(churned.current()).isEqualTo(Stage.VALUE);
    }

    @Test
    void a_replay_takes_the_stage_changes_of_sources_only() {
        StageChange crm = source(Stage.VALUE, Stage.CHURNED, CHURNED_BY_CRM);
        StageChange rule = new StageChange(2, "rs-1", Stage.ONBOARDING, Stage.ADOPTION, CHURNED_BY_CRM, ChangeOrigin.RULE,
                "rule \"Onboarded\"");
        StageChange cancelled = new StageChange(3, "rs-1", Stage.ADOPTION, Stage.CHURNED, BACK_BY_CRM, ChangeOrigin.LIFECYCLE,
                "subscription cancelled");

        assertThat(ReplayedStage.bySource(List.of(crm, rule, cancelled))).containsOnlyKeys("rs-1")
                .extractingByKey("rs-1").asList().containsExactly(crm);
    }

    private static StageChange source(Stage from, Stage to, Instant at) {
        return new StageChange(1, "rs-1", from, to, at, ChangeOrigin.SOURCE, "stage " + to + " from accounts.csv line 2");
    }

    private static BillingSignal billing(BillingEvent event, Instant at) {
        return new BillingSignal("test", "rs-1-" + event + "-" + at, "rs-1", at, event, null, "USD", null);
    }
}
