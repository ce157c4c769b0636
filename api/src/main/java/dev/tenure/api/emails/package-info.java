/** The email log over REST. */
package dev.tenure.api.emails;
