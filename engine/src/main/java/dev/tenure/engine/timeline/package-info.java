/** The account timeline: every play, task, email, milestone and stage move, newest first. */
package dev.tenure.engine.timeline;
