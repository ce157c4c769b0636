/** The health score: four named, weighted components computed from an account's facts, kept as history. */
package dev.tenure.engine.health;
