package dev.tenure.api.deadletters;

import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Records the sources refused, newest first, with where they came from and why. */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetter> list(@RequestParam(required = false) String source, @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.latest(source, Math.min(Math.max(limit, 1), 1000));
    }
}
