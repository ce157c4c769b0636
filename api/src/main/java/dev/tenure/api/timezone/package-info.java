/** The time zone each person reads times in: the setting, its page, and times shown and read in that zone. */
package dev.tenure.api.timezone;
