package dev.tenure.api.webhooks;

import dev.tenure.connectors.webhooks.Webhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook endpoints: one JSON record or an array of them per call, for accounts, contacts, usage,
 * tickets, billing and nps. Parsing, validation and storing belong to the connectors' webhook route.
 * A duplicate event is accepted and changes nothing, so senders may retry freely. A source proves who
 * it is with its secret ({@link SourceSecrets}), not with a login.
 */
@Tag(name = "Webhooks", description = "Accounts, contacts, usage, tickets, billing, NPS and CSAT records, one or an array a call, authenticated by the source secret.")
@RestController
@RequestMapping("/api/webhooks")
class WebhookController {

    private final Webhooks webhooks;
    private final SourceSecrets secrets;

    WebhookController(Webhooks webhooks, SourceSecrets secrets) {
        this.webhooks = webhooks;
        this.secrets = secrets;
    }

    // An empty body is the route's to refuse (naming the body, as a dead letter), not Spring's.
    @Operation(summary = "Receive records of one kind")
    @PostMapping(path = "/{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Receipts.IntakeReceipt receive(@PathVariable String kind, @RequestHeader(value = SourceSecrets.HEADER, required = false) String secret,
                         @RequestBody(required = false) String body) {
        secrets.check(kind, secret);
        return Receipts.IntakeReceipt.of(webhooks.receive(kind, body));
    }

    @ExceptionHandler(SourceSecrets.SourceNotAuthenticatedException.class)
    ProblemDetail notFromSource(SourceSecrets.SourceNotAuthenticatedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Not from the source");
        return problem;
    }
}
