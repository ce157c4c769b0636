/**
 * The embedded PostgreSQL a fresh machine runs on when no database is configured, asking every connection
 * for the password kept in its data folder.
 */
package dev.tenure.api.database;
