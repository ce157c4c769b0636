package dev.tenure.api.rules;

import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The rule set in force: its version, its rules (with how many plays each started) and its plays. */
@RestController
@RequestMapping("/api/rules")
class RuleSetController {

    private final ActiveRuleSet active;
    private final RuleSets ruleSets;

    RuleSetController(ActiveRuleSet active, RuleSets ruleSets) {
        this.active = active;
        this.ruleSets = ruleSets;
    }

    @GetMapping
    RuleSetStatus status() {
        RuleSet ruleSet = active.get();
        Map<String, Long> started = ruleSets.playsStartedByRule(ruleSet.version());
        List<RuleStatus> rules = ruleSet.ruleNames().stream()
                .map(name -> new RuleStatus(name, started.getOrDefault(name, 0L))).toList();
        List<PlayDefinition> plays = ruleSet.plays().values().stream()
                .sorted(Comparator.comparing(PlayDefinition::id)).toList();
        return new RuleSetStatus(ruleSet.version(), rules, plays);
    }

    record RuleSetStatus(String version, List<RuleStatus> rules, List<PlayDefinition> plays) {
    }

    record RuleStatus(String name, long playsStarted) {
    }
}
