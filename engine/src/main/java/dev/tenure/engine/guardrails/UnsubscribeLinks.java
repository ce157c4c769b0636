package dev.tenure.engine.guardrails;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.PublicUrl;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed one-click unsubscribe links: {@code <public-url>/unsubscribe/<token>}. The token carries the
 * account id and the lowercased address with an HMAC-SHA256 over both, so a link cannot be made for
 * another address, and nothing needs to be stored per email.
 */
@Component
public class UnsubscribeLinks {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final String configuredSecret;
    private final PublicUrl links;
    /** Keyed once, never used directly: each signature is made on a clone, so threads do not share state. */
    private volatile Mac keyed;

    public UnsubscribeLinks(JdbcClient jdbc, PlatformTransactionManager transactions, UnsubscribeProperties properties,
                            EngineProperties engine) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // Committed at once, not with the evaluation that first signs a link: that one may roll back (and its
        // links would be signed with a secret nobody kept), and it would hold every other node's first link
        // until it ended.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.configuredSecret = properties.secret();
        this.links = engine.links();
    }

    /** The link for one recipient of one account. */
    public String url(String accountId, String address) {
        return links.unsubscribe(token(accountId, address));
    }

    public String token(String accountId, String address) {
        byte[] payload = payload(accountId, Guardrails.address(address));
        return ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(sign(payload));
    }

    /** Whom a token names, if it is one this installation signed; a forged or garbled token is empty. */
    public Optional<Unsubscriber> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODE.decode(token.substring(0, dot));
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            return parts.length == 2 && !parts[0].isEmpty() && parts[1].contains("@")
                    ? Optional.of(new Unsubscriber(parts[0], parts[1])) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] payload(String accountId, String address) {
        return (accountId + "\n" + address).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] sign(byte[] payload) {
        try {
            // A clone of a keyed Mac: looking the algorithm up and keying it again for every email of a
            // batch cost more than the signature itself.
            return ((Mac) keyedMac().clone()).doFinal(payload);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
        }
    }

    private Mac keyedMac() {
        Mac m = keyed;
        if (m == null) {
            String secret = configuredSecret != null && !configuredSecret.isBlank() ? configuredSecret : storedSecret();
            try {
                m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
            keyed = m;
        }
        return m;
    }

    /** The first node to need it makes it; every other node reads the same one. */
    private String storedSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return ownTransaction.execute(tx -> {
            jdbc.sql("INSERT INTO unsubscribe_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")
                    .param(ENCODE.encodeToString(random)).update();
            return jdbc.sql("SELECT secret FROM unsubscribe_secret WHERE id = 1").query(String.class).single();
        });
    }

    /** Whom a valid token names. */
    public record Unsubscriber(String accountId, String address) {
    }
}
