/**
 * Calendar arithmetic, in one place: days, weeks and months are counted on local dates in a time zone
 * (the account's, the recipient's, or UTC for facts), then turned into instants; hours and minutes are
 * elapsed time.
 */
package dev.tenure.engine.calendar;
