/** The suppression list over REST, for CS ops. */
package dev.tenure.api.suppressions;
