package dev.tenure.api.pages;

import dev.tenure.engine.tasks.TaskOutcome;

import java.util.Arrays;
import java.util.List;

/** A task outcome as people read it in a form. */
public record OutcomeChoice(TaskOutcome value, String label) {

    public static List<OutcomeChoice> all() {
        return Arrays.stream(TaskOutcome.values()).map(o -> new OutcomeChoice(o, label(o))).toList();
    }

    public static String label(TaskOutcome outcome) {
        return switch (outcome) {
            case SAVED -> "Saved";
            case CHURNED -> "Churned";
            case EXPANDED -> "Expanded";
            case NO_ACTION -> "No action needed";
        };
    }
}
