/** Posts each new high-priority task to Slack through the incoming webhooks CS ops configure per CSM or for the team. */
package dev.tenure.api.slack;
