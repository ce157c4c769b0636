/** What the stores share: reading and writing jsonb column values, and what waits for a transaction's commit. */
package dev.tenure.engine.storage;
