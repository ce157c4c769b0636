package dev.tenure.engine.plays;

/**
 * A play's goal in a form the engine can check when a step comes due; each condition left null is not
 * checked. {@code usageBackTo}: core usage over the last 7 days is back to at least this percentage of
 * its baseline; {@code paymentReceived}: an invoice was paid after the run started; {@code npsAtLeast}:
 * an NPS answer of at least this score came in after the run started.
 */
public record StopWhen(Integer usageBackTo, Boolean paymentReceived, Integer npsAtLeast) {

    public static final StopWhen NEVER = new StopWhen(null, null, null);

    public boolean never() {
        return usageBackTo == null && !Boolean.TRUE.equals(paymentReceived) && npsAtLeast == null;
    }
}
