package dev.tenure.engine.facts;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Qbr;
import dev.tenure.engine.vocabulary.Renewal;
import dev.tenure.engine.vocabulary.UsageTrend;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The facts both fact builders derive the same way, from the database ({@link FactSets}) or from
 * signals in memory ({@link SignalHistory}): usage windows, trends, renewal and QBR dates.
 */
final class DerivedFacts {

    /** A QBR falls every 90 days from the account's start. */
    static final int QBR_EVERY_DAYS = 90;
    /** The trend compares the last 7 complete days with the 28 complete days before them. */
    static final int RECENT_DAYS = 7;
    static final int BASELINE_DAYS = 28;
    /** How far back the last day of use is looked for. */
    static final int LOOKBACK_DAYS = 366;

    private DerivedFacts() {
    }

    static UsageTrend trend(Account account, LocalDate today, String feature, long last7, long prior28,
                            int activeUsers, LocalDate lastDay) {
        double baselineWeekly = prior28 / 4.0;
        double changePct = baselineWeekly > 0 ? Math.round((last7 - baselineWeekly) * 1000 / baselineWeekly) / 10.0 : 0;
        LocalDate since = lastDay != null ? lastDay : account.startedOn() != null ? account.startedOn() : today;
        int idleDays = (int) Math.max(0, ChronoUnit.DAYS.between(since, today));
        return new UsageTrend(account.id(), feature, last7, baselineWeekly, changePct, activeUsers, idleDays);
    }

    static Renewal renewal(Account account, LocalDate today) {
        if (account.renewalOn() == null) {
            return null;
        }
        return new Renewal(account.id(), account.renewalOn(), ChronoUnit.DAYS.between(today, account.renewalOn()));
    }

    static Qbr qbr(Account account, LocalDate today) {
        if (account.startedOn() == null || account.startedOn().isAfter(today)) {
            return null;
        }
        long elapsed = ChronoUnit.DAYS.between(account.startedOn(), today);
        long cycles = elapsed / QBR_EVERY_DAYS + 1;
        LocalDate next = account.startedOn().plusDays(cycles * QBR_EVERY_DAYS);
        return new Qbr(account.id(), next, ChronoUnit.DAYS.between(today, next));
    }
}
