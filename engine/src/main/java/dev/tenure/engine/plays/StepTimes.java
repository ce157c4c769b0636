package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * When each step of a play starting now comes due: its delay, then the first moment in its send window,
 * both in the time zone of whom it addresses. A delay in days is counted on that zone's calendar (two days
 * after 10:00 is 10:00, whatever the clocks did in between); a delay in hours is elapsed time. The live
 * engine, cadences, dry runs and the backtest all place steps this way.
 *
 * @param account  the account the play runs for (may be null when no step has a window or a delay in days:
 *                 then the default zone counts)
 * @param contacts the account's contacts
 */
public record StepTimes(Account account, List<Contact> contacts, ZoneId defaultZone, SendWindow.BusinessHours hours) {

    public Instant due(StepDefinition step, Instant startedAt) {
        if (step.delay().days() == 0 && step.window().anyTime()) {
            return startedAt.plus(step.delay().time());
        }
        ZoneId zone = zone(step);
        Instant afterDelay = step.delay().after(startedAt, zone);
        if (step.window().anyTime()) {
            return afterDelay;
        }
        return step.window().earliest(afterDelay, zone, hours);
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

    /** The zone a step's days and send window are read in. */
    public ZoneId zone(StepDefinition step) {
        return account == null ? defaultZone : RecipientTimeZone.of(step, account, contacts, defaultZone);
    }
}
