package dev.tenure.connectors.stripe;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stripe's v1 scheme: HMAC-SHA256 over "t.body", any v1 may match, the timestamp within the tolerance both ways. */
class StripeSignatureUnitTest {

    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final long T = NOW.getEpochSecond();

    private final StripeSignature signature = new StripeSignature("whsec_unit", Duration.ofMinutes(5));

    @Test
    void a_signature_stripe_would_compute_is_accepted() {
        // Computed outside Java: HMAC-SHA256 with key "whsec_unit" over "1795514400." followed by the body.
        String stripes = "82713e89755e49a3b317f682460c271dc87de4951fe6b2daea02f4c7025b39e4";

        assertThat(hex(T)).isEqualTo(stripes);
        assertThatCode(() -> signature.verify("t=" + T + ",v1=" + stripes, BODY, NOW)).doesNotThrowAnyException();
    }

    @Test
    void any_of_several_v1_values_may_match_and_other_schemes_are_ignored() {
        String header = "t=" + T + ",v1=" + "0".repeat(64) + ",v0=" + "f".repeat(64) + ",v1=" + hex(T) + ",v1=zz";

        assertThatCode(() -> signature.verify(header, BODY, NOW)).doesNotThrowAnyException();
    }

    @Test
    void a_body_changed_after_signing_does_not_match() {
        byte[] changed = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\" }".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> signature.verify("t=" + T + ",v1=" + hex(T), changed, NOW))
                .isInstanceOf(StripeSignatureException.class)
                .hasMessage("header Stripe-Signature: no v1 signature matches the body with the signing secret (tenure.stripe.signing-secret)")
                .satisfies(e -> assertThat(((StripeSignatureException) e).malformed()).isFalse());
    }

    @Test
    void a_timestamp_outside_the_tolerance_either_way_is_refused_and_one_at_its_edge_is_not() {
        long old = T - 301;
        long future = T + 301;
        long edge = T - 300;

        assertThatThrownBy(() -> signature.verify("t=" + old + ",v1=" + hex(old), BODY, NOW))
                .hasMessageContaining("301s from now, outside the tolerance of 300s (tenure.stripe.tolerance)");
        assertThatThrownBy(() -> signature.verify("t=" + future + ",v1=" + hex(future), BODY, NOW))
                .hasMessageContaining("outside the tolerance");
        assertThatCode(() -> signature.verify("t=" + edge + ",v1=" + hex(edge), BODY, NOW)).doesNotThrowAnyException();
    }

    @Test
    void a_missing_or_unreadable_header_is_malformed() {
        assertThat(malformed(null)).isEqualTo("header Stripe-Signature: missing");
        assertThat(malformed("v1=" + hex(T))).isEqualTo("header Stripe-Signature: no timestamp t=<epoch seconds>");
        assertThat(malformed("t=" + T)).isEqualTo("header Stripe-Signature: no v1 signature");
        assertThat(malformed("t=yesterday,v1=" + hex(T))).isEqualTo("header Stripe-Signature: t='yesterday' is not epoch seconds");
    }

    @Test
    void another_secret_does_not_match() {
        StripeSignature other = new StripeSignature("whsec_other", Duration.ofMinutes(5));

        assertThatThrownBy(() -> other.verify("t=" + T + ",v1=" + hex(T), BODY, NOW)).isInstanceOf(StripeSignatureException.class);
    }

    private String malformed(String header) {
        try {
            signature.verify(header, BODY, NOW);
        } catch (StripeSignatureException e) {
            assertThat(e.malformed()).isTrue();
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + header);
    }

    private String hex(long t) {
        return HexFormat.of().formatHex(signature.sign(t, BODY));
    }
}
