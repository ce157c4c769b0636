package dev.tenure.connectors.files;

import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes a dropped file "the same file again": its name, size and modification time, as
 * {@code usage-nov.csv|2048|1793520000000}. A key too long for the repository's column (100
 * characters) is replaced by its SHA-256, so a long file name cannot make the file untakeable.
 */
class FileIdentity extends ExpressionAdapter {

    static final int MAX_KEY_LENGTH = 100;

    @Override
    public Object evaluate(Exchange exchange) {
        String key = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class)
                + "|" + exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class)
                + "|" + exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        return key.length() <= MAX_KEY_LENGTH ? key : "sha256:" + sha256(key);
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
