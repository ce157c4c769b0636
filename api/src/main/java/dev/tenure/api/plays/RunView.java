package dev.tenure.api.plays;

import dev.tenure.api.why.WhyView;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.SendWindow;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.StepType;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/** A play run as the API answers it: the play, its status, why it started, and its steps. */
public record RunView(long id, String accountId, String play, String playName, RunStatus status, Instant startedAt,
                      Instant endedAt, WhyView why, List<StepView> steps) {

    /** A step of a run: due at a time, then done, skipped or failed with a result. */
    public record StepView(long id, long runId, String accountId, int position, StepType type, DefinitionView definition,
                           Instant dueAt, StepStatus status, Instant executedAt, String result) {
    }

    /** What the play file asks of a step; spans as written there ({@code 2d}, {@code 3 business days}). */
    public record DefinitionView(StepType type, String delay, String owner, String title, String details, String priority,
                                 String dueIn, List<String> to, String template, WindowView window,
                                 boolean onlyIfPreviousDone, String before, List<String> checklist) {
    }

    /** When an email step may go out. */
    public record WindowView(boolean businessHours, boolean businessDays, LocalTime at) {
    }

    public static RunView of(PlayRunView run) {
        return new RunView(run.id(), run.accountId(), run.play(), run.playName(), run.status(), run.startedAt(), run.endedAt(),
                WhyView.of(run.why()), run.steps() == null ? null : run.steps().stream().map(RunView::step).toList());
    }

    private static StepView step(PlayStep s) {
        return new StepView(s.id(), s.runId(), s.accountId(), s.position(), s.type(), definition(s.definition()), s.dueAt(),
                s.status(), s.executedAt(), s.result());
    }

    private static DefinitionView definition(StepDefinition d) {
        if (d == null) {
            return null;
        }
        SendWindow w = d.window();
        return new DefinitionView(d.type(), text(d.delay()), d.owner(), d.title(), d.details(), d.priority(), text(d.dueIn()),
                d.to(), d.template(), w == null ? null : new WindowView(w.businessHours(), w.businessDays(), w.at()),
                d.onlyIfPreviousDone(), text(d.before()), d.checklist());
    }

    private static String text(Object span) {
        return span == null ? null : span.toString();
    }
}
