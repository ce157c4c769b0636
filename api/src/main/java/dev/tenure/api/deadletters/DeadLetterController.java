package dev.tenure.api.deadletters;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.connectors.deadletters.DeadLetterReplay;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RejectedRecordsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Records the sources refused, newest first, with where they came from and why; and their replay. */
@Tag(name = "Dead letters", description = "Records a source refused, with where they came from and why, and their replay (CS ops, admins).")
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;

    DeadLetterController(DeadLetters deadLetters, DeadLetterReplay replay) {
        this.deadLetters = deadLetters;
        this.replay = replay;
    }

    @Operation(summary = "List dead letters, newest first")
    @GetMapping
    ApiPage<DeadLetterView> list(@RequestParam(required = false) String source, @ParameterObject PageQuery paging) {
        return ApiPage.of(deadLetters.latest(source, paging.size(), paging.offset()), deadLetters.count(source), paging).map(DeadLetterView::of);
    }

    /** A replay that went through: what the engine made of the record(s). */
    record Replayed(long deadLetter, String outcome, int accepted, int duplicates, int playsStarted) {
    }

    /**
     * Sends a refused record through its source's route again. 200 {@code replayed}; 422 {@code refused}
     * (refused again, with the reason: kept as a new dead letter, the original stays unreplayed); 409
     * {@code not-replayable} (already replayed, or a kind of record that cannot be, and why); 404.
     */
    @Operation(summary = "Replay one dead letter through its source")
    @PostMapping("/{id}/replay")
    Replayed replay(@PathVariable long id) {
        deadLetters.find(id).orElseThrow(() -> new NotFoundException("dead letter " + id));
        try {
            IntakeResult result = replay.replay(id);
            return new Replayed(id, "replayed", result.accepted(), result.duplicates(), result.playsStarted());
        } catch (RejectedRecordsException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
            problem.setTitle("Refused again; kept as a new dead letter, the original stays unreplayed");
            problem.setProperty("deadLetter", id);
            problem.setProperty("outcome", "refused");
            problem.setProperty("errors", e.errors().stream()
                    .map(r -> Map.of("record", r.record(), "field", r.field(), "message", r.message())).toList());
            throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, e);
        } catch (IllegalArgumentException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
            problem.setTitle("Not replayable");
            problem.setProperty("deadLetter", id);
            problem.setProperty("outcome", "not-replayable");
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, e);
        }
    }
}
