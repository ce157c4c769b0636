/** Plays: named sequences of steps a rule starts for an account, their runs and their step rows. */
package dev.tenure.engine.plays;
