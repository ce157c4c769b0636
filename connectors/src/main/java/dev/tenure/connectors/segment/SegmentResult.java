package dev.tenure.connectors.segment;

import dev.tenure.engine.intake.RecordError;

import java.util.List;

/**
 * What a Segment request changed.
 *
 * @param accepted    signals and contacts stored, and group calls recorded
 * @param duplicates  track calls whose messageId was already received: they change nothing
 * @param ignored     calls with nothing for Tenure: an event name not mapped to a feature, a user in no
 *                    known account, page/screen/alias calls
 * @param refused     calls of the batch refused alone, each kept as its own dead letter
 * @param errors      why, naming each refused call and field (at most {@link #MOST_ERRORS})
 */
public record SegmentResult(int calls, int accepted, int duplicates, int ignored, int refused, int accountsEvaluated,
                            int playsStarted, List<RecordError> errors) {

    /** A batch of a thousand bad calls gets a short answer; every one of them is a dead letter. */
    public static final int MOST_ERRORS = 100;

    public SegmentResult {
        errors = List.copyOf(errors.size() > MOST_ERRORS ? errors.subList(0, MOST_ERRORS) : errors);
    }
}
