package dev.tenure.api.webhooks;

import dev.tenure.connectors.webhooks.Webhooks;
import dev.tenure.engine.intake.IntakeResult;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook endpoints: one JSON record or an array of them per call, for accounts, contacts, usage,
 * tickets, billing and nps. Parsing, validation and storing belong to the connectors' webhook route.
 * A duplicate event is accepted and changes nothing, so senders may retry freely.
 */
@RestController
@RequestMapping("/api/webhooks")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
    IntakeResult receive(@PathVariable String kind, @RequestBody String body) {
        return webhooks.receive(kind, body);
    }
}
