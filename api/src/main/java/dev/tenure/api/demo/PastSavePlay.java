package dev.tenure.api.demo;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Random;

/**
 * A save play from before the demo's load day, so the outcomes page has runs whose horizon has passed:
 * some steady accounts had a usage dip weeks ago ({@link #DIP_DAYS} days at 40% right before {@code startedOn}),
 * the usage-drop rule started the save play (or held the account out of it), and usage came back
 * {@code recoveredAfter} days after the start, or stayed at about half until the horizon had passed.
 *
 * <p>The dip lies before the 35 days today's trend reads, so the account is steady now and starts nothing.
 * The demo's history holds out about a third of these accounts, more than the starter play's 10%, so the few
 * accounts of a demo have runs on both sides to compare.
 */
record PastSavePlay(String playId, LocalDate startedOn, Integer recoveredAfter, boolean heldOut) {

    /** Days of the dip before the start: the 7 the rule compared, and the start day's own. */
    static final int DIP_DAYS = 7;
    /** The usage the rule compared the dip with: the 28 days before the dip. */
    static final int BASELINE_DAYS = 28;
    /** The starter save plays' horizon (rules/plays/save-usage-drop*.yml: measure: { within: 30d }). */
    static final int HORIZON_DAYS = 30;
    /** The level of an account that did not recover, until its horizon had passed: below the goal's 80%. */
    static final double STILL_DOWN_LEVEL = 0.55;

    /** Which steady accounts had a save play before, and how it went; the same on every load of the same day. */
    static Optional<PastSavePlay> of(DemoAccount account, long seed, LocalDate today) {
        if (account.story() != Story.STEADY) {
            return Optional.empty();
        }
        Random random = account.random(seed, "past-save-play");
        if (random.nextDouble() >= 0.6) {
            return Optional.empty();
        }
        LocalDate startedOn = today.minusDays(DemoAccounts.between(random, 38, 56));
        boolean heldOut = random.nextDouble() < 0.3;
        boolean recovers = random.nextDouble() < (heldOut ? 0.35 : 0.8);
        Integer recoveredAfter = !recovers ? null
                : heldOut ? DemoAccounts.between(random, 4, 18) : DemoAccounts.between(random, 0, 12);
        String play = account.account().segment() == dev.tenure.engine.vocabulary.Segment.TECH_TOUCH
                ? "save-usage-drop-tech-touch" : "save-usage-drop";
        return Optional.of(new PastSavePlay(play, startedOn, recoveredAfter, heldOut));
    }

    /** The first day of history the run needs: its baseline before the dip. */
    LocalDate historyStart() {
        return startedOn.minusDays(DIP_DAYS + BASELINE_DAYS);
    }

    /** The share of its usual usage the account had on a day around the run, or empty outside the run's story. */
    Optional<Double> level(LocalDate day) {
        long since = java.time.temporal.ChronoUnit.DAYS.between(startedOn, day);
        if (since < -DIP_DAYS) {
            return Optional.empty();
        }
        if (since < 0) {
            return Optional.of(UsageHistory.DROPPED_LEVEL);
        }
        if (recoveredAfter != null) {
            return since < recoveredAfter ? Optional.of(UsageHistory.DROPPED_LEVEL) : Optional.empty();
        }
        return since < HORIZON_DAYS ? Optional.of(STILL_DOWN_LEVEL) : Optional.empty();
    }
}
