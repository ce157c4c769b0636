/** Accounts over REST: details, health, timeline. */
package dev.tenure.api.accounts;
