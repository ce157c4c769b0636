package dev.tenure.connectors.stripe;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<epoch seconds>,v1=<hex>[,v1=<hex>...]}, each
 * v1 an HMAC-SHA256 with the endpoint's secret over {@code <t>.<raw body>}. Several v1 values come while
 * a secret is being rolled, so any one may match. The timestamp is signed too, so a captured request
 * cannot be replayed outside the tolerance window (either way, for clocks that disagree).
 */
public final class StripeSignature {

    public static final String HEADER = "Stripe-Signature";

    private final SecretKeySpec key;
    private final Duration tolerance;

    public StripeSignature(String secret, Duration tolerance) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.tolerance = tolerance;
    }

    /** @throws StripeSignatureException unless the header proves the body came from Stripe, near {@code now} */
    public void verify(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            throw new StripeSignatureException(true, "missing");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                timestamp = seconds(value);
            } else if (name.equals("v1")) {
                signatures.add(hex(value));
            }
        }
        if (timestamp == null) {
            throw new StripeSignatureException(true, "no timestamp t=<epoch seconds>");
        }
        if (signatures.isEmpty()) {
            throw new StripeSignatureException(true, "no v1 signature");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(timestamp), now).abs();
        if (age.compareTo(tolerance) > 0) {
            throw new StripeSignatureException(false, "timestamp t=" + timestamp + " is " + age.toSeconds()
                    + "s from now, outside the tolerance of " + tolerance.toSeconds() + "s (tenure.stripe.tolerance)");
        }
        byte[] expected = sign(timestamp, body);
        boolean matched = false;
        for (byte[] signature : signatures) {
            // No early exit: every candidate costs the same, so timing tells nothing about which was close.
            matched |= MessageDigest.isEqual(expected, signature);
        }
        if (!matched) {
            throw new StripeSignatureException(false, "no v1 signature matches the body with the signing secret "
                    + "(tenure.stripe.signing-secret)");
        }
    }

    /** The v1 signature of a body at a time, as Stripe computes it. */
    public byte[] sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static Long seconds(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new StripeSignatureException(true, "t='" + value + "' is not epoch seconds");
        }
    }

    /** A v1 that is not hex cannot match; it is kept as no bytes rather than refusing the other values. */
    private static byte[] hex(String value) {
        try {
            return HexFormat.of().parseHex(value.toLowerCase());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
