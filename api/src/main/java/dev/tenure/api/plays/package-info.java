/** Play runs over REST. */
package dev.tenure.api.plays;
