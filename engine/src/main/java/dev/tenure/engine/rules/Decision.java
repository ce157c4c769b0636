package dev.tenure.engine.rules;

import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Stage;

import java.util.List;

/** What a rule asked the playbook for, with why; carried out (or only reported) after the rules have run. */
public sealed interface Decision {

    Why why();

    /**
     * The stage an account at {@code from} is left at once these decisions' stage moves are made, in order. Every
     * path that carries decisions out (live, scenarios, dry runs, backtests) judges the plays they start against
     * it, whatever the order the rules fired in: a rule that churns the account leaves no play for customers
     * started by another in the same evaluation.
     */
    static Stage stageAfter(List<Decision> decisions, Stage from) {
        Stage stage = from;
        for (Decision d : decisions) {
            if (d instanceof MoveStage m) {
                stage = Lifecycle.onRule(m.stage(), stage).orElse(stage);
            }
        }
        return stage;
    }

    record StartPlay(String play, Why why) implements Decision {
    }

    record RecordMilestone(MilestoneType milestone, Why why) implements Decision {
    }

    record MoveStage(Stage stage, Why why) implements Decision {
    }
}
