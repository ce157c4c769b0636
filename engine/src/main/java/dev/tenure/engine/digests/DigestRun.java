package dev.tenure.engine.digests;

/**
 * What one run of the digests did.
 *
 * @param week      the ISO week, as {@code 2026-W48}
 * @param sent      digests handed over this time (sent or kept)
 * @param alreadyDone CSMs whose digest of the week was already recorded (a refire, another node)
 * @param failed    digests SMTP refused
 */
public record DigestRun(String week, int sent, int alreadyDone, int failed) {
}
