package dev.tenure.api.webhooks;

import dev.tenure.connectors.stripe.StripeEvents;
import dev.tenure.connectors.stripe.StripeSignature;
import dev.tenure.connectors.stripe.StripeSignatureException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint. Stripe proves who it is with its {@value StripeSignature#HEADER} header, not
 * with Tenure's source secret; the signature covers the exact bytes sent, so the body is taken as bytes
 * and checked before anything parses it. Without a signing secret calls are refused unless webhooks are
 * open ({@code tenure.webhooks.open}, or the demo), as for every source.
 */
@Tag(name = "Stripe webhook", description = "Stripe events, authenticated by Stripe's signature.")
@RestController
class StripeWebhookController {

    private final StripeEvents stripe;
    private final SourceSecrets secrets;

    StripeWebhookController(StripeEvents stripe, SourceSecrets secrets) {
        this.stripe = stripe;
        this.secrets = secrets;
    }

    @Operation(summary = "Receive a Stripe event")
    @PostMapping("/api/webhooks/stripe")
    Receipts.VendorEventReceipt receive(@RequestHeader(value = StripeSignature.HEADER, required = false) String signature,
                          @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (stripe.signed() || !secrets.open()) {
            stripe.verify(signature, raw);
        }
        return Receipts.VendorEventReceipt.of(stripe.receive(raw));
    }

    @ExceptionHandler(StripeSignatureException.class)
    ProblemDetail notFromStripe(StripeSignatureException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                e.malformed() ? HttpStatus.BAD_REQUEST : HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Not signed by Stripe");
        problem.setProperty("header", StripeSignature.HEADER);
        return problem;
    }
}
