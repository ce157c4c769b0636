/** The CSM inbox over REST. */
package dev.tenure.api.inbox;
