package dev.tenure.engine.plays;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * Decides whether an eligible account is held out of a measured play. The draw is a hash of the play, the
 * account and the start time, not a random number: the same start always draws the same way (a test can
 * pin it, an operator can recompute it), and accounts cannot be picked by anyone's judgement.
 */
@Component
public class HoldoutDraw {

    /** Draws fall in [0, BUCKETS): a play holding out p% holds out the draws below p * 100. */
    static final int BUCKETS = 10_000;

    private final boolean enabled;

    public HoldoutDraw(HoldoutProperties properties) {
        this.enabled = properties.enabled();
    }

    public boolean holdsOut(PlayDefinition play, String accountId, Instant startedAt) {
        int percent = play.measurement().holdoutPercent();
        return enabled && percent > 0 && draw(play.id(), accountId, startedAt) < percent * (BUCKETS / 100);
    }

    /** The draw of one start, from 0 to 9,999: the first 8 bytes of SHA-256("play|account|start"). */
    public static int draw(String playId, String accountId, Instant startedAt) {
        byte[] hash = sha256(playId + "|" + accountId + "|" + startedAt);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (hash[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(value, BUCKETS);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
