package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;

import java.util.List;

/**
 * One step of a play as written in its YAML file. A task goes to {@code owner} ("csm" or an email
 * address); an email goes to the first reachable contact with one of the roles in {@code to}. The step
 * comes due at the first moment after its delay that falls in its send window; a delay in days is counted
 * on the calendar of the recipient's time zone, so "2d" is the same time of day two days later. A task with
 * {@code onlyIfPreviousDone} is skipped while an earlier task of the same run is still open, so a
 * follow-up does not pile onto work nobody has done yet. A step of a play with a cadence has
 * {@code before} instead of a delay: how long before each occurrence it comes due (null otherwise). A
 * task's {@code checklist} is what the CSM ticks off while working it (shown with the task, empty when the
 * play gives none).
 */
public record StepDefinition(StepType type, Span delay, String owner, String title, String details,
                             String priority, Span dueIn, List<String> to, String template, SendWindow window,
                             boolean onlyIfPreviousDone, Span before, List<String> checklist) {

    public StepDefinition {
        // Steps stored before send windows existed have none: they go out at any time.
        window = window == null ? SendWindow.ANY_TIME : window;
        // Steps stored before checklists existed have none.
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
    }

    /** A step of a play started by a rule, without a checklist. */
    public StepDefinition(StepType type, Span delay, String owner, String title, String details,
                          String priority, Span dueIn, List<String> to, String template, SendWindow window,
                          boolean onlyIfPreviousDone) {
        this(type, delay, owner, title, details, priority, dueIn, to, template, window, onlyIfPreviousDone,
                (Span) null, List.of());
    }

    /** A step of a play started by a rule, with a checklist. */
    public StepDefinition(StepType type, Span delay, String owner, String title, String details,
                          String priority, Span dueIn, List<String> to, String template, SendWindow window,
                          boolean onlyIfPreviousDone, List<String> checklist) {
        this(type, delay, owner, title, details, priority, dueIn, to, template, window, onlyIfPreviousDone,
                (Span) null, checklist);
    }

    /** A step placed before each occurrence of a cadence (or by a rule when {@code before} is null), without a checklist. */
    public StepDefinition(StepType type, Span delay, String owner, String title, String details,
                          String priority, Span dueIn, List<String> to, String template, SendWindow window,
                          boolean onlyIfPreviousDone, Span before) {
        this(type, delay, owner, title, details, priority, dueIn, to, template, window, onlyIfPreviousDone, before, List.of());
    }

    /** A step that goes out as soon as its delay has passed. */
    public StepDefinition(StepType type, Span delay, String owner, String title, String details,
                          String priority, Span dueIn, List<String> to, String template) {
        this(type, delay, owner, title, details, priority, dueIn, to, template, SendWindow.ANY_TIME, false);
    }

    /** A step that waits for its send window. */
    public StepDefinition(StepType type, Span delay, String owner, String title, String details,
                          String priority, Span dueIn, List<String> to, String template, SendWindow window) {
        this(type, delay, owner, title, details, priority, dueIn, to, template, window, false);
    }

    /** A step that goes out as soon as its delay has passed, unless an earlier task is still open. */
    public StepDefinition(StepType type, Span delay, String owner, String title, String details,
                          String priority, Span dueIn, List<String> to, String template, boolean onlyIfPreviousDone) {
        this(type, delay, owner, title, details, priority, dueIn, to, template, SendWindow.ANY_TIME, onlyIfPreviousDone);
    }
}
