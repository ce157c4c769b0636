/** The file drop: CSV and JSON Lines files put in a folder become accounts, contacts and signals. */
package dev.tenure.connectors.files;
