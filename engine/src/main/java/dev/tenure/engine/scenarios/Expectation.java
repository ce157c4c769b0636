package dev.tenure.engine.scenarios;

import dev.tenure.engine.scenarios.ScenarioOutcome.StartedPlay;
import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a scenario expects; every part is optional (null: not checked). {@code plays}: exactly these
 * start (empty: none); {@code playsInclude}: at least these; {@code playsExclude}: none of these;
 * {@code milestones}: exactly these are newly reached; {@code stage}: the stage after; {@code healthBand}:
 * GOOD, AVERAGE or POOR.
 */
public record Expectation(List<String> plays, List<String> playsInclude, List<String> playsExclude,
                          List<MilestoneType> milestones, Stage stage, String healthBand) {

    public static final List<String> BANDS = List.of("GOOD", "AVERAGE", "POOR");

    /** Each unmet expectation as one readable line: expected, actual, and why. */
    List<String> failures(ScenarioOutcome outcome, Explanations explain) {
        List<String> failures = new ArrayList<>();
        List<String> started = outcome.playsStarted();
        if (plays != null && !new TreeSet<>(plays).equals(new TreeSet<>(started))) {
            failures.add(playFailure("expected plays " + plays, missing(plays, started), missing(started, plays), outcome, explain));
        }
        if (playsInclude != null && !started.containsAll(playsInclude)) {
            failures.add(playFailure("expected plays to include " + playsInclude, missing(playsInclude, started), List.of(),
                    outcome, explain));
        }
        if (playsExclude != null && playsExclude.stream().anyMatch(started::contains)) {
            failures.add(playFailure("expected none of " + playsExclude, List.of(),
                    started.stream().filter(playsExclude::contains).toList(), outcome, explain));
        }
        if (milestones != null && !Set.copyOf(milestones).equals(Set.copyOf(outcome.milestonesReached()))) {
            failures.add("expected milestones " + milestones + " but reached " + outcome.milestonesReached() + " — "
                    + explain.context(outcome));
        }
        if (stage != null && stage != outcome.stage()) {
            failures.add("expected stage " + stage + " but it was " + outcome.stage() + " — " + explain.context(outcome));
        }
        if (healthBand != null && !healthBand.equals(outcome.health().band())) {
            failures.add("expected health band " + healthBand + " but it was " + outcome.health().band() + " (score "
                    + outcome.health().score() + ": " + outcome.health().components().stream().map(Expectation::component)
                    .collect(Collectors.joining("; ")) + ")");
        }
        return failures;
    }

    private static String playFailure(String expected, List<String> missing, List<String> unexpected,
                                      ScenarioOutcome outcome, Explanations explain) {
        List<String> why = new ArrayList<>();
        why.add(explain.firedRules(outcome));
        missing.forEach(play -> why.add(explain.whyNot(play, outcome)));
        for (StartedPlay s : outcome.started()) {
            if (unexpected.contains(s.play())) {
                why.add(explain.why(s));
            }
        }
        return expected + " but started " + outcome.playsStarted() + " — " + String.join("; ", why);
    }

    private static List<String> missing(List<String> wanted, List<String> present) {
        return wanted.stream().filter(p -> !present.contains(p)).distinct().toList();
    }

    private static String component(HealthComponent c) {
        return c.name() + " " + c.score() + " (" + c.reason() + ")";
    }
}
