/** Shared error handling for the source routes: what a route cannot take becomes a dead letter. */
package dev.tenure.connectors.deadletters;
