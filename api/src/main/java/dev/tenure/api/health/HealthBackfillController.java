package dev.tenure.api.health;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.backfill.HealthBackfills;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Health backfill (CS ops, admins): {@code POST /api/health/backfill} with {@code {"from": "2026-06-01",
 * "to": "2026-12-01"}} ({@code to} exclusive) queues one and answers 202 with its id;
 * {@code GET /api/health/backfill/{id}} shows its progress, then what it wrote.
 */
@Tag(name = "Health backfill", description = "Scores the past from stored signals, one evaluation a day (CS ops, admins).")
@RestController
@RequestMapping("/api/health/backfill")
class HealthBackfillController {

    /** The days to backfill, [from, to), ISO dates. */
    record Request(String from, String to) {
    }

    private final HealthBackfills backfills;
    private final Visibility visibility;

    HealthBackfillController(HealthBackfills backfills, Visibility visibility) {
        this.backfills = backfills;
        this.visibility = visibility;
    }

    @Operation(summary = "Start a health backfill")
    @PostMapping
    ResponseEntity<HealthBackfillView> start(@RequestBody(required = false) Request body) {
        if (body == null || body.from() == null || body.from().isBlank()) {
            throw new BadParameterException("from", "missing; give the first day to score, e.g. 2026-06-01");
        }
        if (body.to() == null || body.to().isBlank()) {
            throw new BadParameterException("to", "missing; give the day after the last to score, e.g. 2026-12-01");
        }
        var from = ReportParameters.date("from", body.from(), null);
        var to = ReportParameters.date("to", body.to(), null);
        HealthBackfillView job;
        try {
            job = HealthBackfillView.of(backfills.start(from, to, "requested by " + visibility.actor()));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String field = message.startsWith("from:") ? "from" : "to";
            throw new BadParameterException(field, message.substring(message.indexOf(':') + 1).strip());
        }
        return ResponseEntity.accepted().location(URI.create("/api/health/backfill/" + job.id())).body(job);
    }

    @Operation(summary = "A backfill's progress, then what it wrote")
    @GetMapping("/{id}")
    HealthBackfillView get(@PathVariable String id) {
        return backfills.find(id).map(HealthBackfillView::of).orElseThrow(() -> new NotFoundException("health backfill " + id));
    }

    /** The latest backfills, oldest first, whether asked for here or started by an import. */
    @Operation(summary = "List the latest backfills")
    @GetMapping
    ApiPage<HealthBackfillView> list(@ParameterObject PageQuery paging) {
        return ApiPage.slice(backfills.list(), paging).map(HealthBackfillView::of);
    }
}
