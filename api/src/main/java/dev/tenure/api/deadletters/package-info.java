/** Dead letters over REST. */
package dev.tenure.api.deadletters;
