package dev.tenure.api.why;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.engine.rules.Explanation;
import dev.tenure.engine.rules.Explanations;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/why/{kind}/{id}} for kind play, step, task or email: the account, play, step, the rule
 * that started the play, its rule set version (and whether that version is still active), the facts
 * it matched, when it started, and the rule's DRL file in that version.
 */
@RestController
class WhyController {

    private final Explanations explanations;

    WhyController(Explanations explanations) {
        this.explanations = explanations;
    }

    @GetMapping("/api/why/{kind}/{id}")
    Explanation why(@PathVariable String kind, @PathVariable long id) {
        return explanations.explain(kind, id).orElseThrow(() -> new NotFoundException(kind + " " + id));
    }
}
