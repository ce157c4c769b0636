/** The weekly digest each CSM gets of their open and overdue tasks, once per week. */
package dev.tenure.engine.digests;
