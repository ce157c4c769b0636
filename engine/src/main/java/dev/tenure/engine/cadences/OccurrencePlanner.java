package dev.tenure.engine.cadences;

import dev.tenure.engine.plays.Cadence;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.RecipientTimeZone;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.plays.StepTimes;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Places the steps of an account's next occurrence of a cadence. Occurrence dates are days in the
 * account's time zone; a step is due {@code before} the start of that day, counted on the account's
 * calendar (120 days before a renewal is the start of the day 120 days earlier, whatever the clocks did
 * in between), then in its send window.
 *
 * <p>An occurrence is planned once its earliest step is due within the horizon. Steps whose time has
 * already passed then (an account that came in 40 days before its renewal, a node down for days) are not
 * all sent at once: the latest of them is due now (in its send window), since it is the one that still
 * fits the occurrence; the earlier ones are skipped with the reason. An occurrence whose run the account's churn
 * stopped is planned again the same way once the account is active again, except that the steps whose turn already
 * came in the stopped run are skipped: a step is not done twice. Pure: no database, no clock.
 */
final class OccurrencePlanner {

    private final StepPlacement placement;
    private final Duration horizon;

    OccurrencePlanner(StepPlacement placement, Duration horizon) {
        this.placement = placement;
        this.horizon = horizon;
    }

    Optional<PlannedOccurrence> plan(PlayDefinition play, Account account, List<Contact> contacts, Instant now) {
        return plan(play, account, contacts, now, List.of());
    }

    /**
     * The account's next occurrence; {@code stopped} are the account's runs its churn stopped, one per occurrence: the
     * one for the occurrence planned, if any, is redone.
     */
    Optional<PlannedOccurrence> plan(PlayDefinition play, Account account, List<Contact> contacts, Instant now,
                                     List<StoppedRun> stopped) {
        Cadence cadence = play.cadence();
        ZoneId zone = RecipientTimeZone.ofAccount(account, placement.defaultZone());
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate occursOn = cadence.nextOccurrence(account.startedOn(), account.renewalOn(), today);
        if (occursOn == null) {
            return Optional.empty();
        }
        StepTimes times = placement.forAccount(account, contacts);
        List<Instant> due = new ArrayList<>();
        Instant earliest = null;
        int latestPast = -1;
        for (int i = 0; i < play.steps().size(); i++) {
            Instant at = times.due(play.steps().get(i), play.steps().get(i).before().beforeStartOf(occursOn, zone));
            due.add(at);
            earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            if (at.isBefore(now) && (latestPast < 0 || !at.isBefore(due.get(latestPast)))) {
                latestPast = i;
            }
        }
        if (earliest == null || earliest.isAfter(now.plus(horizon))) {
            return Optional.empty();
        }
        StoppedRun redone = stopped.stream().filter(r -> r.occursOn().equals(occursOn)).findFirst().orElse(null);
        List<PlannedStep> steps = new ArrayList<>();
        for (int i = 0; i < play.steps().size(); i++) {
            StepDefinition step = play.steps().get(i);
            Instant at = due.get(i);
            if (redone != null && redone.taken().contains(i)) {
                steps.add(new PlannedStep(i, step, at, "its turn came in run " + redone.runId() + ", before the account churned"));
            } else if (!at.isBefore(now)) {
                steps.add(new PlannedStep(i, step, at, null));
            } else if (i == latestPast) {
                steps.add(new PlannedStep(i, step, times.due(step, now), null));
            } else {
                steps.add(new PlannedStep(i, step, at, "its time (" + at + ") had passed when the " + occursOn
                        + " occurrence was scheduled; a later step of it runs instead"));
            }
        }
        return Optional.of(new PlannedOccurrence(account, occursOn, steps, redone == null ? null : redone.runId()));
    }
}
