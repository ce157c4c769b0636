package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.UsageSignal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Daily usage of three features, as a product-analytics export would send it: one signal per account,
 * feature and day the feature was used, stamped at the start of that UTC day (the engine counts usage in
 * UTC days). Days nobody used a feature have no signal.
 *
 * <p>Steady accounts vary a few percent from day to day and dip at weekends. The weekly pattern cannot
 * fake a trend: the engine compares 7 days with 28, both whole weeks.
 */
final class UsageHistory {

    static final String CORE = "core";
    static final String REPORTS = "reports";
    static final String INTEGRATIONS = "integrations";

    /** How much of its usual usage a dropping account still has in the last 29 days. */
    static final double DROPPED_LEVEL = 0.4;
    /** ... and a renewal-risk account, whose health must fall below 50. */
    static final double COLLAPSED_LEVEL = 0.25;
    /**
     * The drop covers the last 29 days, today included, so that the last 28 complete days lie entirely
     * inside it: the starter rules call a drop one where no 7 days in a row of the last 28 came near the usual
     * week (a holiday of a week or two always leaves 7 such days).
     */
    static final int DROP_DAYS = 29;
    /** A stalled onboarding account was tried on its first days only. */
    static final int TRIAL_DAYS = 3;
    /** New accounts reach their full usage after about two weeks. */
    static final int RAMP_DAYS = 14;

    /**
     * How a feature is used: share of the active users who touch it, events per user, weekend level, and
     * whether it shows up every day the account is in use at all (core: somebody logs in; integrations:
     * the scheduled syncs run) or only when enough people use it.
     */
    private record Feature(String name, double userShare, double eventsPerUser, double weekendLevel,
                           boolean everyDay) {
    }

    private static final List<Feature> FEATURES = List.of(
            new Feature(CORE, 1.0, 7, 0.25, true),
            new Feature(REPORTS, 0.3, 1.5, 0.1, false),
            // A few service users run scheduled syncs, which do not stop at weekends.
            new Feature(INTEGRATIONS, 0.02, 60, 0.9, true));

    private final long seed;

    UsageHistory(long seed) {
        this.seed = seed;
    }

    List<UsageSignal> of(DemoAccount account, LocalDate today) {
        Random random = account.random(seed, "usage");
        // Share of the seats active on a normal weekday; new accounts that reach first value rolled out to everyone.
        double adoption = account.story() == Story.FIRST_VALUE ? 0.85 : 0.55 + 0.3 * random.nextDouble();
        double intensity = 0.8 + 0.4 * random.nextDouble();
        List<UsageSignal> signals = new ArrayList<>();
        Optional<PastSavePlay> pastSave = PastSavePlay.of(account, seed, today);
        LocalDate from = pastSave.map(PastSavePlay::historyStart).filter(d -> d.isBefore(account.historyStart(today)))
                .orElse(account.historyStart(today));
        for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
            LocalDate d = day;
            double level = pastSave.flatMap(p -> p.level(d)).orElseGet(() -> level(account, d, today));
            if (level <= 0) {
                continue;
            }
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            for (Feature feature : FEATURES) {
                double dayLevel = level * (weekend ? feature.weekendLevel() : 1) * noise(random);
                double users = account.seats() * adoption * feature.userShare() * dayLevel;
                if (!feature.everyDay() && users < 0.5) {
                    continue;
                }
                int activeUsers = (int) Math.max(1, Math.round(users));
                long quantity = Math.max(1, Math.round(users * feature.eventsPerUser() * intensity * noise(random)));
                signals.add(new UsageSignal("demo", account.signalId("usage", feature.name(), day),
                        account.id(), DemoAccount.at(day, 0, 0), feature.name(), quantity, activeUsers));
            }
        }
        return signals;
    }

    /** The account's usage on a day, as a share of its normal usage: this is where the stories show. */
    private static double level(DemoAccount account, LocalDate day, LocalDate today) {
        long daysAgo = ChronoUnit.DAYS.between(day, today);
        long sinceStart = ChronoUnit.DAYS.between(account.account().startedOn(), day);
        return switch (account.story()) {
            case USAGE_DROP -> daysAgo < DROP_DAYS ? DROPPED_LEVEL : 1;
            case RENEWAL_RISK -> daysAgo < DROP_DAYS ? COLLAPSED_LEVEL : 1;
            case FIRST_VALUE -> Math.min(1, 0.15 + (double) sinceStart / RAMP_DAYS);
            case ONBOARDING_STALLED -> sinceStart < TRIAL_DAYS ? 0.1 : 0;
            default -> 1;
        };
    }

    /** Day-to-day wobble of a few percent, never enough to look like a trend. */
    private static double noise(Random random) {
        return Math.max(0.8, Math.min(1.2, 1 + 0.06 * random.nextGaussian()));
    }
}
