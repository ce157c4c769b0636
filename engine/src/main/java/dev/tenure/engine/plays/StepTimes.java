package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * When each step of a play starting now comes due: its delay, then the first moment in its send window,
 * in the time zone of whom it addresses. The live engine and the backtest both place steps this way.
 *
 * @param account  the account the play runs for (may be null when no step has a window)
 * @param contacts the account's contacts
 */
public record StepTimes(Account account, List<Contact> contacts, ZoneId defaultZone, SendWindow.BusinessHours hours) {

    public Instant due(StepDefinition step, Instant startedAt) {
        Instant afterDelay = startedAt.plus(step.delay());
        if (step.window().anyTime()) {
            return afterDelay;
        }
        return step.window().earliest(afterDelay, RecipientTimeZone.of(step, account, contacts, defaultZone), hours);
    }

    /** When the last step comes due: until then a run counts as running. */
    public Instant last(PlayDefinition play, Instant startedAt) {
        Instant last = startedAt;
        for (StepDefinition step : play.steps()) {
            Instant due = due(step, startedAt);
            if (due.isAfter(last)) {
                last = due;
            }
        }
        return last;
    }
}
