package dev.tenure.engine.storage;

import dev.tenure.engine.EngineTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = EngineTestApplication.class)
class AdvisoryLockIntegrationTest {

    /** An account id whose Stripe lock text hashes as the health backfill's one-key lock once did. */
    private static final String COLLIDING_ACCOUNT = "acct-0821eb844";

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transaction;

    @Test
    void given_a_stripe_event_of_an_account_whose_key_hashes_like_the_backfills_once_did_then_a_backfill_does_not_wait_for_it() throws Exception {
        assertThat(jdbc.sql("SELECT hashtext(?) = hashtext('tenure.health_backfill')").param(stripeKey(COLLIDING_ACCOUNT))
                .query(Boolean.class).single()).as("the texts collide").isTrue();

        assertThat(whileStripeHolds(COLLIDING_ACCOUNT, () -> AdvisoryLock.HEALTH_BACKFILL.takeForTransaction(jdbc)))
                .as("the backfill got its lock").isTrue();
    }

    @Test
    void a_backfill_waits_for_another_backfill_and_a_rule_set_activation_for_another() throws Exception {
        assertThat(whileHeld(AdvisoryLock.HEALTH_BACKFILL, () -> AdvisoryLock.HEALTH_BACKFILL.takeForTransaction(jdbc))).isFalse();
        assertThat(whileHeld(AdvisoryLock.RULE_SET, () -> AdvisoryLock.RULE_SET.takeForTransaction(jdbc))).isFalse();
        assertThat(whileHeld(AdvisoryLock.RULE_SET, () -> AdvisoryLock.HEALTH_BACKFILL.takeForTransaction(jdbc))).isTrue();
    }

    /** The lock the connectors' Stripe source takes for one account's subscriptions (StripeSubscriptions). */
    private static String stripeKey(String accountId) {
        return "stripe_subscription:" + accountId;
    }

    private boolean whileStripeHolds(String accountId, Runnable take) throws Exception {
        return whileHolding(() -> jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param(stripeKey(accountId)).query().listOfRows(),
                take);
    }

    private boolean whileHeld(AdvisoryLock held, Runnable take) throws Exception {
        return whileHolding(() -> held.takeForTransaction(jdbc), take);
    }

    /**
     * Whether {@code take} got its lock while another transaction holds what {@code hold} took: it either ends, or is
     * seen waiting for an advisory lock. Watched, not timed out by PostgreSQL: its lock_timeout does not fire where
     * the clock is faked to test another date.
     */
    private boolean whileHolding(Runnable hold, Runnable take) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = nodes.submit(() -> transaction.executeWithoutResult(tx -> {
                hold.run();
                locked.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> taker = nodes.submit(() -> transaction.executeWithoutResult(tx -> take.run()));
            await().atMost(Duration.ofSeconds(30)).until(() -> taker.isDone() || waitingForAdvisoryLock());
            boolean got = taker.isDone();
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            taker.get(30, TimeUnit.SECONDS);
            return got;
        } finally {
            release.countDown();
            nodes.shutdownNow();
        }
    }

    private boolean waitingForAdvisoryLock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'")
                .query(Long.class).single() > 0;
    }
}
