package dev.tenure.engine.storage;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every PostgreSQL advisory lock Tenure takes, in one list. A lock is held until the caller's transaction ends. A kind
 * locked by a text of its own (a per-account key) can meet another kind's key by hash:
 * {@code hashtext('stripe_subscription:acct-0821eb844')} is {@code hashtext('tenure.health_backfill')}. So new kinds
 * take PostgreSQL's two-key form, whose keys never meet the one-key form's, with a namespace of their own. The first
 * two keep the one-key form that nodes of earlier versions take, so that during a rolling upgrade old and new nodes
 * still exclude each other; an account whose Stripe key hashes onto the rule set's makes the two wait for each other,
 * a wait of a moment, never a wrong result.
 */
public enum AdvisoryLock {

    /** Activating a rule set version: one at a time across nodes, so the one-ACTIVE index never trips. */
    RULE_SET(0),
    /** One account's Stripe subscriptions: its events are taken one at a time. */
    STRIPE_SUBSCRIPTION(0),
    /** A health backfill: one at a time, so two over the same days leave one score a day. */
    HEALTH_BACKFILL(1);

    /** The first key of the two-key form; 0 for the kinds that keep the one-key form. */
    private final int namespace;

    AdvisoryLock(int namespace) {
        this.namespace = namespace;
    }

    /** Takes this lock until the caller's transaction ends; waits while another transaction holds it. */
    public void takeForTransaction(JdbcClient jdbc) {
        switch (this) {
            case RULE_SET -> jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('tenure.rule_set'))").query().listOfRows();
            case STRIPE_SUBSCRIPTION -> throw new IllegalArgumentException("a Stripe subscription lock is per account: give its id");
            default -> jdbc.sql("SELECT pg_advisory_xact_lock(?, 0)").param(namespace).query().listOfRows();
        }
    }

    /** Takes this kind's lock of {@code key} (an account id) until the caller's transaction ends. */
    public void takeForTransaction(JdbcClient jdbc, String key) {
        switch (this) {
            case STRIPE_SUBSCRIPTION -> jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("stripe_subscription:" + key)
                    .query().listOfRows();
            case RULE_SET -> throw new IllegalArgumentException("the rule set lock has no key");
            default -> jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))").param(namespace).param(key).query().listOfRows();
        }
    }
}
