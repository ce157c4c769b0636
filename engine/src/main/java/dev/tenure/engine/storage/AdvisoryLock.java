package dev.tenure.engine.storage;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every PostgreSQL advisory lock the engine takes, in one list. A lock is held until the caller's transaction ends.
 * The connectors' Stripe source locks each account's subscriptions by a text of its own in PostgreSQL's one-key form
 * ({@code hashtext('stripe_subscription:' || account)}), and such a key can meet another by hash:
 * {@code hashtext('stripe_subscription:acct-0821eb844')} is {@code hashtext('tenure.health_backfill')}. So the engine's
 * kinds take the two-key form, whose keys never meet the one-key form's, with a namespace of their own; only the
 * rule set keeps the one-key form that nodes of earlier versions take, so that during a rolling upgrade old and new
 * nodes still exclude each other (an account whose Stripe key hashes onto it makes the two wait for each other a
 * moment, never a wrong result).
 */
public enum AdvisoryLock {

    /** Activating a rule set version: one at a time across nodes, so the one-ACTIVE index never trips. */
    RULE_SET(0),
    /** A health backfill: one at a time, so two over the same days leave one score a day. */
    HEALTH_BACKFILL(1);

    /** The first key of the two-key form; 0 for the rule set, which keeps the one-key form. */
    private final int namespace;

    AdvisoryLock(int namespace) {
        this.namespace = namespace;
    }

    /** Takes this lock until the caller's transaction ends; waits while another transaction holds it. */
    public void takeForTransaction(JdbcClient jdbc) {
        if (this == RULE_SET) {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('tenure.rule_set'))").query().listOfRows();
        } else {
            jdbc.sql("SELECT pg_advisory_xact_lock(?, 0)").param(namespace).query().listOfRows();
        }
    }
}
