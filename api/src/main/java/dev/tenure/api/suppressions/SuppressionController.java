package dev.tenure.api.suppressions;

import dev.tenure.engine.guardrails.Suppression;
import dev.tenure.engine.guardrails.Suppressions;
import dev.tenure.engine.guardrails.Unsubscribes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/**
 * Addresses that get no tech-touch email, newest first; CS ops add one with a reason. There is no delete:
 * an address is suppressed for good.
 */
@RestController
@RequestMapping("/api/suppressions")
class SuppressionController {

    private final Suppressions suppressions;
    private final Unsubscribes unsubscribes;
    private final Clock clock;

    SuppressionController(Suppressions suppressions, Unsubscribes unsubscribes, Clock clock) {
        this.suppressions = suppressions;
        this.unsubscribes = unsubscribes;
        this.clock = clock;
    }

    @GetMapping
    List<Suppression> list(@RequestParam(defaultValue = "500") int limit) {
        return suppressions.list(Math.min(Math.max(limit, 1), 10_000));
    }

    /** 400 naming the field when the address or the reason is missing or not valid. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Suppression add(@RequestBody NewSuppression body) {
        return unsubscribes.suppress(body.address(), body.reason(), clock.instant());
    }

    record NewSuppression(String address, String reason) {
    }
}
