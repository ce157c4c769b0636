/** The CS ops pages: the rule set in force, running plays, dead letters, the email log. */
package dev.tenure.api.ops;
