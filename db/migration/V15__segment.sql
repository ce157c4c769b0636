-- The account (Segment group) each Segment user was last put in by a group call, so a track call that
-- names no group still lands on an account. No foreign key: a group call may come before the account
-- is imported.
CREATE TABLE segment_user_group (
    user_id     text PRIMARY KEY,
    account_id  text NOT NULL,
    updated_at  timestamptz NOT NULL
);
