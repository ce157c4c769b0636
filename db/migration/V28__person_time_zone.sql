-- The time zone a person reads times in (an IANA name such as Europe/Berlin, checked by the application
-- against the zones Java knows). NULL until they choose one or their browser tells it: pages fall back to
-- Tenure's default zone meanwhile.
ALTER TABLE users ADD COLUMN time_zone text
    CHECK (time_zone IS NULL OR time_zone ~ '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$');
