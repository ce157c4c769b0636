package dev.tenure.connectors.segment;

/**
 * What a Segment request changed.
 *
 * @param accepted    signals and contacts stored, and group calls recorded
 * @param duplicates  track calls whose messageId was already received: they change nothing
 * @param ignored     calls with nothing for Tenure: an event name not mapped to a feature, a user in no
 *                    known account, page/screen/alias calls
 */
public record SegmentResult(int calls, int accepted, int duplicates, int ignored, int accountsEvaluated,
                            int playsStarted) {
}
