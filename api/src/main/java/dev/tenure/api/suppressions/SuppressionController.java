package dev.tenure.api.suppressions;

import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.engine.guardrails.Suppressions;
import dev.tenure.engine.guardrails.Unsubscribes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Addresses that get no tech-touch email, newest first; CS ops add one with a reason. There is no delete:
 * an address is suppressed for good.
 */
@Tag(name = "Suppressions", description = "Addresses that get no tech-touch email, for good (CS ops, admins).")
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

    @Operation(summary = "List suppressed addresses, newest first")
    @GetMapping
    ApiPage<SuppressionView> list(@ParameterObject PageQuery paging) {
        return ApiPage.of(suppressions.list(paging.size(), paging.offset()), suppressions.count(), paging).map(SuppressionView::of);
    }

    /** 400 naming the field when the address or the reason is missing or not valid. */
    @Operation(summary = "Suppress an address")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SuppressionView add(@RequestBody NewSuppression body) {
        return SuppressionView.of(unsubscribes.suppress(body.address(), body.reason(), clock.instant()));
    }

    record NewSuppression(String address, String reason) {
    }
}
