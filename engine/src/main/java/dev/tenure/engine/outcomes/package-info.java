/**
 * Whether plays work: each measured run's goal checked at its horizon, and each play's success rate set
 * against the accounts held out of it.
 */
package dev.tenure.engine.outcomes;
