package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.tenure.api.demo.DemoAccounts.between;

/**
 * Billing as a payment provider reports it: the current MRR once at the start of the history, then a
 * monthly invoice on the contract's day of the month, paid by card the same day (tech touch) or on
 * net terms a week or two later. A payment-failed account's latest card charge fails, and so does the
 * retry three days later.
 */
final class BillingHistory {

    static final String CURRENCY = "USD";
    /** Invoices go out on the 28th at the latest, so that every month has the day. */
    static final int LAST_BILLING_DAY = 28;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private final long seed;

    BillingHistory(long seed) {
        this.seed = seed;
    }

    List<BillingSignal> of(DemoAccount account, LocalDate today) {
        Random random = account.random(seed, "billing");
        BigDecimal mrr = account.account().arr().divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
        LocalDate start = account.historyStart(today);
        List<BillingSignal> signals = new ArrayList<>();
        signals.add(signal(account, "mrr-" + start, start, 6, BillingEvent.MRR_CHANGED, mrr, null));

        int billingDay = billingDay(account, today);
        LocalDate lastInvoice = start;
        for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
            if (day.getDayOfMonth() == billingDay) {
                lastInvoice = day;
            }
        }
        for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
            if (day.getDayOfMonth() != billingDay) {
                continue;
            }
            String invoice = "INV-" + day.format(MONTH) + "-" + account.slug().substring(0, 3).toUpperCase();
            signals.add(signal(account, invoice + "-issued", day, 7, BillingEvent.INVOICE_ISSUED, mrr, invoice));
            if (account.story() == Story.PAYMENT_FAILED && day.equals(lastInvoice)) {
                signals.add(signal(account, invoice + "-failed-1", day, 8, BillingEvent.PAYMENT_FAILED, mrr, invoice));
                signals.add(signal(account, invoice + "-failed-2", day.plusDays(3), 8, BillingEvent.PAYMENT_FAILED,
                        mrr, invoice));
                continue;
            }
            boolean card = account.account().segment() == Segment.TECH_TOUCH;
            LocalDate paidOn = day.plusDays(card ? 0 : between(random, 5, 15));
            // An invoice whose payment date is still ahead is simply open: not late, nothing to act on.
            if (paidOn.isBefore(today)) {
                signals.add(signal(account, invoice + "-paid", paidOn, 10, BillingEvent.INVOICE_PAID, mrr, invoice));
            }
        }
        return signals;
    }

    /**
     * The day of the month invoices go out: the contract's start day, except for the payment-failed
     * story, whose latest invoice must have gone out 9 to 12 days ago so that both failed charges are
     * in the past and inside the 30 days the rule looks at.
     */
    static int billingDay(DemoAccount account, LocalDate today) {
        if (account.story() != Story.PAYMENT_FAILED) {
            return Math.min(account.account().startedOn().getDayOfMonth(), LAST_BILLING_DAY);
        }
        // Failed, retried 3 days later and failed again, and still unpaid a week after that: what the starter
        // payment rule acts on.
        for (int daysAgo = 11; ; daysAgo++) {
            int day = today.minusDays(daysAgo).getDayOfMonth();
            if (day <= LAST_BILLING_DAY) {
                return day;
            }
        }
    }

    private static BillingSignal signal(DemoAccount account, String what, LocalDate day, int hour,
                                        BillingEvent event, BigDecimal amount, String invoice) {
        return new BillingSignal("demo", account.signalId("billing", what), account.id(),
                DemoAccount.at(day, hour, 0), event, amount, CURRENCY, invoice);
    }
}
