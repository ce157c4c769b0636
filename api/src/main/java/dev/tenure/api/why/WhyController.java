package dev.tenure.api.why;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.rules.Explanation;
import dev.tenure.engine.rules.Explanations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/why/{kind}/{id}} for kind play, step, task or email: the account, play, step, the rule
 * that started the play, its rule set version (and whether that version is still active), the facts
 * it matched, when it started, and the rule's DRL file in that version.
 */
@Tag(name = "Why", description = "Why a play, step, task or email exists: the rule, its version and file, the facts it matched.")
@RestController
class WhyController {

    private final Explanations explanations;
    private final Visibility visibility;

    WhyController(Explanations explanations, Visibility visibility) {
        this.explanations = explanations;
        this.visibility = visibility;
    }

    @Operation(summary = "Explain a play, step, task or email")
    @GetMapping("/api/why/{kind}/{id}")
    ExplanationView why(@PathVariable String kind, @PathVariable long id) {
        Explanation explanation = explanations.explain(kind, id).orElseThrow(() -> new NotFoundException(kind + " " + id));
        visibility.requireAccount(explanation.account().id());
        return ExplanationView.of(explanation);
    }
}
