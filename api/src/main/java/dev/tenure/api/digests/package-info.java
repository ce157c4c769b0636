/** The CSMs' weekly digests over REST: send this week's now, list what was sent. */
package dev.tenure.api.digests;
