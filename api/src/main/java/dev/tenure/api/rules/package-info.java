/** Rule set status over REST. */
package dev.tenure.api.rules;
