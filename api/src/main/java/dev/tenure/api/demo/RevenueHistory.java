package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.tenure.api.demo.DemoAccounts.between;

/**
 * How each account's MRR got where it is, over the two years before the usage history starts, so the
 * metrics page has twelve months of movements: the first MRR at the contract's start (or two years back),
 * then for some accounts an expansion (a quarter of them), a contraction (one in ten), and for a few tech-touch accounts a
 * subscription paused for two or three months (MRR 0, then back: churn, then reactivation). The
 * current MRR is set again where the usage history starts ({@link BillingHistory}), so every rule sees
 * the same account as before.
 */
final class RevenueHistory {

    /** How far back the MRR history reaches. */
    static final int YEARS = 2;

    private final long seed;

    RevenueHistory(long seed) {
        this.seed = seed;
    }

    List<BillingSignal> of(DemoAccount account, LocalDate today) {
        LocalDate historyStart = account.historyStart(today);
        LocalDate first = account.account().startedOn().isAfter(today.minusYears(YEARS))
                ? account.account().startedOn() : today.minusYears(YEARS);
        if (!first.isBefore(historyStart.minusDays(30))) {
            return List.of(); // a young account: its first MRR is the one the billing history sets
        }
        Random random = account.random(seed, "revenue");
        BigDecimal now = account.account().arr().divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
        long span = historyStart.toEpochDay() - first.toEpochDay();
        LocalDate changed = first.plusDays(between(random, (int) (span / 3), (int) span - 1));
        int draw = random.nextInt(100);
        List<BillingSignal> signals = new ArrayList<>();
        if (draw < 25) {
            signals.add(mrr(account, first, scaled(now, between(random, 65, 90))));
            signals.add(mrr(account, changed, now));
        } else if (draw < 35) {
            signals.add(mrr(account, first, scaled(now, between(random, 115, 140))));
            signals.add(mrr(account, changed, now));
        } else if (draw < 50 && account.account().segment() == Segment.TECH_TOUCH && account.story() == Story.STEADY
                && span > 150) {
            LocalDate paused = historyStart.minusDays(between(random, 100, (int) Math.min(span - 1, 300)));
            signals.add(mrr(account, first, now));
            signals.add(mrr(account, paused, BigDecimal.ZERO.setScale(2)));
            signals.add(mrr(account, paused.plusDays(between(random, 60, 90)), now));
        } else {
            signals.add(mrr(account, first, now));
        }
        return signals;
    }

    private static BigDecimal scaled(BigDecimal mrr, int percent) {
        return mrr.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    private static BillingSignal mrr(DemoAccount account, LocalDate day, BigDecimal amount) {
        return new BillingSignal("demo", account.signalId("billing", "mrr-" + day), account.id(), DemoAccount.at(day, 6, 0),
                BillingEvent.MRR_CHANGED, amount, BillingHistory.CURRENCY, null);
    }
}
