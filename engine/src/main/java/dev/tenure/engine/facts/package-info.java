/** Builds the compact facts one account's evaluation sees, from the rollups kept in PostgreSQL. */
package dev.tenure.engine.facts;
