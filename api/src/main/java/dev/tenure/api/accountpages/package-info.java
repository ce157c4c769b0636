/** The account page: facts, health now and its 90-day trend, the timeline, running plays. */
package dev.tenure.api.accountpages;
