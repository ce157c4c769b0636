package dev.tenure.engine.rules;

import dev.tenure.engine.plays.Why;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Stage;

/** What a rule asked the playbook for, with why; carried out (or only reported) after the rules have run. */
public sealed interface Decision {

    Why why();

    record StartPlay(String play, Why why) implements Decision {
    }

    record RecordMilestone(MilestoneType milestone, Why why) implements Decision {
    }

    record MoveStage(Stage stage, Why why) implements Decision {
    }
}
