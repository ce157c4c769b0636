package dev.tenure.engine.testing;

import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.plays.StopWhen;

import java.util.List;

/** Plays and steps for tests that start runs directly, without a rule: no cooldown, no stop condition. */
public final class TestPlays {

    private TestPlays() {
    }

    /** The starter check-in email to the account's champion, due as soon as the play starts. */
    public static StepDefinition checkInEmail() {
        return email(Span.ZERO, "champion", "usage-drop-checkin");
    }

    public static StepDefinition email(Span delay, String role, String template) {
        return new StepDefinition(StepType.EMAIL, delay, null, null, null, null, null, List.of(role), template);
    }

    /** A task for the account's CSM, due two days after it is created. */
    public static StepDefinition task(Span delay, String title) {
        return new StepDefinition(StepType.TASK, delay, "csm", title, null, "NORMAL", Span.ofDays(2), List.of(), null);
    }

    public static PlayDefinition play(String id, StepDefinition... steps) {
        return new PlayDefinition(id, id, null, Span.ZERO, List.of(steps), StopWhen.NEVER);
    }
}
