/** The engine's meters: what operators graph and alert on (evaluations, plays started, steps, emails). */
package dev.tenure.engine.meters;
