/** Polls warehouse tables and views past a watermark column, so each row is read once. */
package dev.tenure.connectors.jdbc;
