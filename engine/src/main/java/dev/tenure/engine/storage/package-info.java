/** What the stores share: reading and writing jsonb column values. */
package dev.tenure.engine.storage;
