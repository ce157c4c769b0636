package dev.tenure.api.deadletters;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.connectors.deadletters.DeadLetterReplay;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Records the sources refused, newest first, with where they came from and why; and their replay. */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;

    DeadLetterController(DeadLetters deadLetters, DeadLetterReplay replay) {
        this.deadLetters = deadLetters;
        this.replay = replay;
    }

    @GetMapping
    List<DeadLetter> list(@RequestParam(required = false) String source, @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.latest(source, Math.min(Math.max(limit, 1), 1000));
    }

    /** A replay that went through: what the engine made of the record(s). */
    record Replayed(long deadLetter, String outcome, int accepted, int duplicates, int playsStarted) {
    }

    /**
     * Sends a refused record through its source's route again. 200 {@code replayed}; 422 {@code refused}
     * (refused again, with the reason: kept as a new dead letter, the original stays unreplayed); 409
     * {@code not-replayable} (already replayed, or a kind of record that cannot be, and why); 404.
     */
    @PostMapping("/{id}/replay")
    ResponseEntity<?> replay(@PathVariable long id) {
        deadLetters.find(id).orElseThrow(() -> new NotFoundException("dead letter " + id + " does not exist"));
        try {
            IntakeResult result = replay.replay(id);
            return ResponseEntity.ok(new Replayed(id, "replayed", result.accepted(), result.duplicates(),
                    result.playsStarted()));
        } catch (RejectedRecordsException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
            problem.setTitle("Refused again; kept as a new dead letter, the original stays unreplayed");
            problem.setProperty("deadLetter", id);
            problem.setProperty("outcome", "refused");
            problem.setProperty("errors", e.errors().stream()
                    .map(r -> Map.of("record", r.record(), "field", r.field(), "message", r.message())).toList());
            return ResponseEntity.unprocessableEntity().body(problem);
        } catch (IllegalArgumentException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
            problem.setTitle("Not replayable");
            problem.setProperty("deadLetter", id);
            problem.setProperty("outcome", "not-replayable");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
    }
}
