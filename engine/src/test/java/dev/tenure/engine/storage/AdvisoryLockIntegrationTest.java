package dev.tenure.engine.storage;

import dev.tenure.engine.EngineTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(classes = EngineTestApplication.class)
class AdvisoryLockIntegrationTest {

    /** An account id whose Stripe lock text hashes as the health backfill's one-key lock once did. */
    private static final String COLLIDING_ACCOUNT = "acct-0821eb844";

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transaction;

    @Test
    void given_a_stripe_event_of_an_account_whose_key_hashes_like_the_backfills_then_a_backfill_does_not_wait_for_it() throws Exception {
        assertThat(jdbc.sql("SELECT hashtext(?) = hashtext('tenure.health_backfill')").param("stripe_subscription:" + COLLIDING_ACCOUNT)
                .query(Boolean.class).single()).as("the texts collide").isTrue();

        assertThat(whileHeld(AdvisoryLock.STRIPE_SUBSCRIPTION, COLLIDING_ACCOUNT,
                () -> AdvisoryLock.HEALTH_BACKFILL.takeForTransaction(jdbc))).as("the backfill got its lock").isTrue();
    }

    @Test
    void given_a_stripe_event_of_an_account_then_another_event_of_the_same_account_waits_for_it() throws Exception {
        assertThat(whileHeld(AdvisoryLock.STRIPE_SUBSCRIPTION, "acct-same",
                () -> AdvisoryLock.STRIPE_SUBSCRIPTION.takeForTransaction(jdbc, "acct-same"))).as("got it at once").isFalse();
        assertThat(whileHeld(AdvisoryLock.STRIPE_SUBSCRIPTION, "acct-same",
                () -> AdvisoryLock.STRIPE_SUBSCRIPTION.takeForTransaction(jdbc, "acct-other"))).as("another account's").isTrue();
    }

    @Test
    void a_lock_asked_for_with_or_without_a_key_it_does_not_have_is_a_mistake_in_the_code() {
        assertThatThrownBy(() -> AdvisoryLock.STRIPE_SUBSCRIPTION.takeForTransaction(jdbc)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdvisoryLock.RULE_SET.takeForTransaction(jdbc, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Whether {@code take} got its lock within two seconds while another transaction holds {@code held} of {@code key}.
     */
    private boolean whileHeld(AdvisoryLock held, String key, Runnable take) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = other.submit(() -> transaction.executeWithoutResult(tx -> {
                held.takeForTransaction(jdbc, key);
                locked.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            Boolean got = transaction.execute(tx -> {
                jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
                try {
                    take.run();
                    return true;
                } catch (org.springframework.dao.DataAccessException e) {
                    tx.setRollbackOnly();
                    return false;
                }
            });
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            return Boolean.TRUE.equals(got);
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }
}
