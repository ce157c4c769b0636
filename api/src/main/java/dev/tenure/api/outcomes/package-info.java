/** Whether plays work, over REST, as CSV and as a page: each measured play against its holdout. */
package dev.tenure.api.outcomes;
