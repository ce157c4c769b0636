-- The Stripe subscriptions Tenure has seen, per account: a customer with a plan and an add-on (two subscriptions)
-- who ends one has not cancelled, so its deletion is an MRR change, not a churn. Kept from the subscriptions'
-- own events; changed_at is the event's time, so a late, older event does not undo a newer one.
CREATE TABLE stripe_subscription (
    subscription_id text PRIMARY KEY,
    account_id      text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    live            boolean NOT NULL,
    monthly         numeric(14, 2),
    changed_at      timestamptz NOT NULL
);
CREATE INDEX stripe_subscription_live ON stripe_subscription (account_id) WHERE live;
