-- The people who sign in (email is the login, lowercased, and the same address accounts name as their
-- CSM and tasks as their owner), their roles, and the API tokens an admin issues to them.
CREATE TABLE users (
    id             bigserial PRIMARY KEY,
    email          text NOT NULL UNIQUE CHECK (email = lower(email)),
    display_name   text NOT NULL,
    password_hash  text NOT NULL,
    enabled        boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL
);

CREATE TABLE user_role (
    user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('ADMIN', 'CS_OPS', 'CSM')),
    PRIMARY KEY (user_id, role)
);

-- Only the SHA-256 of a token is kept: the token itself is shown once, when it is issued.
CREATE TABLE api_token (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL,
    user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_sha256  text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
