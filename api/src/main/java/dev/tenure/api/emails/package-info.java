/** The email log over REST, and a warning at start when the links in emails would not leave this machine. */
package dev.tenure.api.emails;
