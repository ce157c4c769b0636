package dev.tenure.engine.outcomes;

import java.time.Instant;

/** Which runs a report is over: started in [from, to), of one play (or all when null), of one CSM's accounts (or all). */
public record OutcomeQuery(Instant from, Instant to, String playId, String csm) {

    public OutcomeQuery {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("a report period needs from before to, not " + from + " .. " + to);
        }
    }
}
