package dev.tenure.connectors.stripe;

import dev.tenure.engine.bounds.RecordBounds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.function.Function;

/**
 * The subscriptions each account has at Stripe, as far as their events told Tenure: which are live and what each
 * costs a month. Only subscriptions that sent an event since Tenure listens are known; one that never did is not
 * counted, so ending an account's only known subscription churns it as before.
 */
@Component
class StripeSubscriptions {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    StripeSubscriptions(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Keeps the change (unless a newer event about the same subscription came first, or the account is not known)
     * and takes the event in ({@code intake}, given the account's other live subscriptions after it) in the same
     * transaction, so a refused event changes nothing here either. Events of one account are taken one at a time,
     * their signals stored in the order they were decided: when both of its subscriptions end at once, the second
     * sees none left and churns the account, after the first's MRR change.
     */
    <T> T record(SubscriptionChange change, Function<List<KnownSubscription>, T> intake) {
        if (!keepable(change.subscriptionId()) || !keepable(change.accountId())) {
            return intake.apply(List.of());
        }
        return transaction.execute(status -> {
            // The one-key form, which no lock of the engine's own takes any more (its storage.AdvisoryLock says why).
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("stripe_subscription:" + change.accountId())
                    .query((rs, n) -> n).list();
            jdbc.sql("""
                    INSERT INTO stripe_subscription (subscription_id, account_id, live, monthly, changed_at)
                    SELECT :id, :account, :live, :monthly, :at WHERE EXISTS (SELECT 1 FROM account WHERE id = :account)
                    ON CONFLICT (subscription_id) DO UPDATE SET account_id = EXCLUDED.account_id, live = EXCLUDED.live,
                        monthly = COALESCE(EXCLUDED.monthly, stripe_subscription.monthly), changed_at = EXCLUDED.changed_at
                    WHERE stripe_subscription.changed_at <= EXCLUDED.changed_at""")
                    .param("id", change.subscriptionId()).param("account", change.accountId())
                    .param("live", change.live())
                    .param("monthly", change.monthly())
                    .param("at", Timestamp.from(change.at()))
                    .update();
            return intake.apply(jdbc.sql("""
                    SELECT subscription_id, monthly FROM stripe_subscription
                    WHERE account_id = ? AND live AND subscription_id <> ? ORDER BY subscription_id""")
                    .param(change.accountId()).param(change.subscriptionId())
                    .query((rs, n) -> new KnownSubscription(rs.getString(1), rs.getBigDecimal(2)))
                    .list());
        });
    }

    /** An id every record may carry (RecordBounds): one the intake would refuse is not kept either. */
    private static boolean keepable(String id) {
        return RecordBounds.idProblem(id) == null;
    }
}
