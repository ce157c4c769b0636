package dev.tenure.api.accounts;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.people.Visibility;
import dev.tenure.api.why.FactsJson;
import dev.tenure.engine.backtest.AccountDryRun;
import dev.tenure.engine.backtest.CandidateRuleSets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * What the rules would do for an account now, with nothing stored or sent: the rules that fire and the
 * facts each matched, and each play they ask for, with whether it would start or why it would be refused.
 * {@code ?version=} asks a stored rule set version instead of the one in force.
 */
@Tag(name = "Account dry run", description = "What the rules would do for an account now; nothing is stored or sent.")
@RestController
@RequestMapping("/api/accounts")
class AccountDryRunController {

    private final AccountDryRun dryRun;
    private final CandidateRuleSets ruleSets;
    private final Clock clock;
    private final Visibility visibility;
    private final FactsJson facts;

    AccountDryRunController(AccountDryRun dryRun, CandidateRuleSets ruleSets, Clock clock, Visibility visibility, FactsJson facts) {
        this.facts = facts;
        this.visibility = visibility;
        this.dryRun = dryRun;
        this.ruleSets = ruleSets;
        this.clock = clock;
    }

    @Operation(summary = "Dry-run the rules for an account")
    @GetMapping("/{id}/dry-run")
    DryRunView dryRun(@PathVariable String id, @RequestParam(required = false) String version) {
        visibility.requireAccount(id);
        return dryRun.of(id, version == null ? ruleSets.active() : ruleSets.version(version), clock.instant())
                .map(run -> DryRunView.of(run, facts))
                .orElseThrow(() -> new NotFoundException("account " + id));
    }
}
