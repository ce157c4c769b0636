/** Records that a source could not take, kept with their origin and the reason, so nothing is lost. */
package dev.tenure.engine.deadletters;
