/** The embedded PostgreSQL a fresh machine runs on when no database is configured. */
package dev.tenure.api.database;
