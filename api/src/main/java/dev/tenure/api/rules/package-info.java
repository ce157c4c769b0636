/** The rule set over REST: status, stored versions, upload and rollback. */
package dev.tenure.api.rules;
