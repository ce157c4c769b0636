package dev.tenure.engine.digests;

/**
 * What one run of the digests did.
 *
 * @param week        the ISO week, as {@code 2026-W48}
 * @param sent        digests handed over this time (sent, or kept when no SMTP server is configured)
 * @param alreadyDone CSMs whose digest of the week was already recorded (a refire, another node)
 * @param failed      digests SMTP refused for good
 * @param retrying    digests whose attempt failed for now (SMTP down, 4xx): tried again after the mail backoff
 */
public record DigestRun(String week, int sent, int alreadyDone, int failed, int retrying) {
}
