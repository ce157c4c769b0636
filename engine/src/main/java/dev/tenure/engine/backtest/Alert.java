package dev.tenure.engine.backtest;

import dev.tenure.engine.calendar.Span;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One play a rule would have started in a backtest: which rule, which play, for whom and when, and how it
 * stands against the account's cancellation in the period.
 *
 * @param file        the DRL file or decision table the rule is written in (null if unknown)
 * @param churnRule   true when that file is under {@code churn/}
 * @param cancelledAt the cancellation the alert is judged against ({@link #judgedAgainst}); null if the account did not
 *                    cancel in the period, or came back from its cancellation before the alert and did not cancel again
 * @param leadDays    days from the alert to the cancellation, to one decimal; null when the account did not
 *                    cancel or the alert came at or after the cancellation
 * @param caught      the alert came before the cancellation and at most the backtest's window before it
 */
public record Alert(String accountId, String rule, String play, String file, boolean churnRule, Instant at,
                    Instant cancelledAt, Double leadDays, boolean caught) {

    /**
     * Judges an alert at {@code at} against a cancellation ({@code cancelledAt}, null if none) with a window of days of
     * the account's calendar ({@code zone}): an alert at 10:00 thirty days before a cancellation at 10:00 came thirty
     * days before it, also when the clocks changed in between and thirty days and an hour passed.
     */
    static Alert of(String accountId, String rule, String play, String file, boolean churnRule, Instant at,
                    Instant cancelledAt, int windowDays, ZoneId zone) {
        Duration lead = lead(at, cancelledAt);
        boolean caught = lead != null && !at.isBefore(Span.ofDays(windowDays).before(cancelledAt, zone));
        return new Alert(accountId, rule, play, file, churnRule, at, cancelledAt, lead == null ? null : ChurnScore.days(lead),
                caught);
    }

    /**
     * The cancellation an alert at {@code at} is judged against: the account's first one at or after it, which it may
     * have foretold (an account that came back may cancel again), or, at the same moment, warned nobody of (the daily
     * evaluation runs before a cancellation stamped with its very time moves the account); else, for an alert on an
     * account that was not a customer then (a win-back play), its last one before it, which it warned nobody of; null
     * without any, and null for an alert on a customer that did not cancel after it: an account that came back and
     * stayed was alerted for nothing, a false alarm scored as one rather than left out as if it were about the
     * cancellation it had come back from.
     *
     * @param customer whether the account was a customer when alerted
     */
    static Instant judgedAgainst(Instant at, boolean customer, List<Instant> cancellations) {
        Instant next = null;
        Instant last = null;
        for (Instant c : cancellations) {
            if (!c.isBefore(at)) {
                next = next == null || c.isBefore(next) ? c : next;
            } else {
                last = last == null || c.isAfter(last) ? c : last;
            }
        }
        return next != null ? next : customer ? null : last;
    }

    /** The time from an alert to the cancellation, or null when there is none or the alert did not come before it. */
    static Duration lead(Instant at, Instant cancelledAt) {
        return cancelledAt != null && at.isBefore(cancelledAt) ? Duration.between(at, cancelledAt) : null;
    }

    /** An alert at or after the account's cancellation warned nobody: it is listed but not scored. */
    public boolean afterCancellation() {
        return cancelledAt != null && !at.isBefore(cancelledAt);
    }
}
