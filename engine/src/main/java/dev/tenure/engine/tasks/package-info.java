/** The CSM inbox: tasks that play steps create for an owner, completed with an outcome or snoozed. */
package dev.tenure.engine.tasks;
