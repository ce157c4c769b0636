package dev.tenure.api.webhooks;

import dev.tenure.connectors.zendesk.ZendeskEvents;
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
 * Zendesk's webhook endpoint: a ticket event as a Zendesk trigger sends it, authenticated like every
 * source by {@value SourceSecrets#HEADER} (a custom header on the Zendesk webhook) against
 * {@code tenure.webhooks.secrets.zendesk}.
 */
@Tag(name = "Zendesk webhook", description = "Ticket events as a Zendesk trigger sends them, authenticated by the source secret.")
@RestController
class ZendeskWebhookController {

    static final String SOURCE = "zendesk";

    private final ZendeskEvents zendesk;
    private final SourceSecrets secrets;

    ZendeskWebhookController(ZendeskEvents zendesk, SourceSecrets secrets) {
        this.zendesk = zendesk;
        this.secrets = secrets;
    }

    @Operation(summary = "Receive a Zendesk ticket event")
    @PostMapping("/api/webhooks/zendesk")
    Receipts.VendorEventReceipt receive(@RequestHeader(value = SourceSecrets.HEADER, required = false) String secret,
                          @RequestBody(required = false) String body) {
        secrets.checkSource(SOURCE, secret);
        return Receipts.VendorEventReceipt.of(zendesk.receive(body));
    }

    @ExceptionHandler(SourceSecrets.SourceNotAuthenticatedException.class)
    ProblemDetail notFromSource(SourceSecrets.SourceNotAuthenticatedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Not from the source");
        return problem;
    }
}
