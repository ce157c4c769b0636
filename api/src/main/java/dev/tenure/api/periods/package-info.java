/** The days a report is over, read from its query parameters ({@code month}, {@code from}, {@code to}) in one place. */
package dev.tenure.api.periods;
