/** What the stores share: reading and writing jsonb column values, what waits for a transaction's commit, and the advisory locks. */
package dev.tenure.engine.storage;
