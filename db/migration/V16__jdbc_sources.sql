-- How far each JDBC source has been read: the watermark column's last value read (as text, with its
-- type so it binds back as the same SQL type). A poll locks its row, so of several nodes one polls at a
-- time and each row of the source is read once.
CREATE TABLE jdbc_source_watermark (
    source          text PRIMARY KEY,
    watermark       text,
    watermark_type  text,
    rows_read       bigint NOT NULL DEFAULT 0,
    polled_at       timestamptz
);
