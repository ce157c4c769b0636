package dev.tenure.bench;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The live-path benchmark's baseline, in its own application only: a webhook that reads the body and
 * answers as the real one does, storing and evaluating nothing. Under {@code /api/webhooks/} so a request
 * passes the same filters (security, the body limit) as a real webhook call; two path segments after it,
 * so it never shadows {@code /api/webhooks/{kind}}.
 */
@RestController
class BareWebhook {

    static final String PATH = "/api/webhooks/bare/";

    @PostMapping(path = PATH + "{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> receive(@PathVariable("kind") String kind, @RequestBody(required = false) String body) {
        int length = body == null ? 0 : body.length();
        return Map.of("accepted", length > 0 ? 1 : 0, "duplicates", 0, "evaluated", 0, "playsStarted", 0);
    }
}
