package dev.tenure.engine.facts;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.Today;
import dev.tenure.engine.vocabulary.UsageSignal;
import dev.tenure.engine.vocabulary.UsageTrend;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One account's signals held in memory and rolled up exactly as the database rolls them up, so a
 * scenario or a backtest sees the facts the live engine would see, without a database. Only signals
 * that happened by the evaluation moment count.
 */
public final class SignalHistory {

    private final Set<String> seen = new HashSet<>();
    private final Map<String, TreeMap<LocalDate, long[]>> usage = new HashMap<>();
    private final Map<String, List<TicketSignal>> tickets = new HashMap<>();
    private final List<BillingSignal> billing = new ArrayList<>();
    private final List<NpsSignal> nps = new ArrayList<>();

    /** Adds a signal; false when one with the same source and external id was already added. */
    public boolean add(Signal signal) {
        if (!seen.add(signal.source() + "\u0000" + signal.externalId())) {
            return false;
        }
        if (signal instanceof UsageSignal u) {
            long[] day = usage.computeIfAbsent(u.feature(), f -> new TreeMap<>())
                    .computeIfAbsent(LocalDate.ofInstant(u.occurredAt(), ZoneOffset.UTC), d -> new long[2]);
            day[0] += u.quantity();
            day[1] = Math.max(day[1], u.activeUsers());
        } else if (signal instanceof TicketSignal t) {
            tickets.computeIfAbsent(t.ticketId(), id -> new ArrayList<>()).add(t);
        } else if (signal instanceof BillingSignal b) {
            billing.add(b);
        } else if (signal instanceof NpsSignal n) {
            nps.add(n);
        }
        return true;
    }

    public FactSet factsAsOf(Account account, List<Contact> contacts, List<Milestone> milestones, List<PlayRun> plays,
                             Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new FactSet(new Today(today, now), account, List.copyOf(contacts), usage(account, today),
                tickets(account.id(), now), billing(account.id(), now), lastNps(now), List.copyOf(milestones),
                List.copyOf(plays), DerivedFacts.renewal(account, today), DerivedFacts.qbr(account, today));
    }

    private List<UsageTrend> usage(Account account, LocalDate today) {
        List<UsageTrend> trends = new ArrayList<>();
        long allRecent = 0, allBaseline = 0;
        int allActive = 0;
        LocalDate allLast = null;
        for (String feature : new TreeMap<>(usage).keySet()) {
            long recent = 0, baseline = 0;
            int active = 0;
            LocalDate last = null;
            boolean any = false;
            for (Map.Entry<LocalDate, long[]> e : usage.get(feature)
                    .subMap(today.minusDays(DerivedFacts.LOOKBACK_DAYS - 1), true, today, true).entrySet()) {
                LocalDate day = e.getKey();
                long[] v = e.getValue();
                any = true;
                if (DerivedFacts.inRecentWindow(day, today)) {
                    recent += v[0];
                    active = (int) Math.max(active, v[1]);
                } else if (DerivedFacts.inBaselineWindow(day, today)) {
                    baseline += v[0];
                }
                if (v[0] > 0) {
                    last = day;
                }
            }
            if (!any) {
                continue;
            }
            trends.add(DerivedFacts.trend(account, today, feature, recent, baseline, active, last));
            allRecent += recent;
            allBaseline += baseline;
            allActive = Math.max(allActive, active);
            allLast = last == null ? allLast : allLast == null || last.isAfter(allLast) ? last : allLast;
        }
        trends.add(DerivedFacts.trend(account, today, UsageTrend.ALL_FEATURES, allRecent, allBaseline, allActive, allLast));
        return trends;
    }

    private TicketLoad tickets(String accountId, Instant now) {
        int[] open = new int[4];
        int opened14 = 0, high14 = 0, opened60 = 0, oldestOpen = 0;
        for (List<TicketSignal> updates : tickets.values()) {
            List<TicketSignal> known = updates.stream().filter(t -> !t.occurredAt().isAfter(now)).toList();
            if (known.isEmpty()) {
                continue;
            }
            Instant openedAt = known.stream().map(TicketSignal::occurredAt).min(Comparator.naturalOrder()).orElseThrow();
            // The latest update wins; of two at the same moment, the one received last.
            TicketSignal latest = known.get(0);
            for (TicketSignal t : known) {
                if (!t.occurredAt().isBefore(latest.occurredAt())) {
                    latest = t;
                }
            }
            if (latest.status().open()) {
                open[latest.priority().ordinal()]++;
                oldestOpen = Math.max(oldestOpen, (int) Duration.between(openedAt, now).toDays());
            }
            if (openedAt.isAfter(now.minus(Duration.ofDays(14)))) {
                opened14++;
                if (latest.priority().high()) {
                    high14++;
                }
            }
            if (openedAt.isAfter(now.minus(Duration.ofDays(60)))) {
                opened60++;
            }
        }
        return new TicketLoad(accountId, open[0], open[1], open[2], open[3], opened14, high14, opened60, oldestOpen);
    }

    private BillingStatus billing(String accountId, Instant now) {
        Instant since = now.minus(Duration.ofDays(30));
        int failed = 0, overdue = 0;
        BillingSignal lastPayment = null;
        List<BillingSignal> mrr = new ArrayList<>();
        for (BillingSignal b : billing) {
            if (b.occurredAt().isAfter(now)) {
                continue;
            }
            if (b.occurredAt().isAfter(since)) {
                failed += b.event() == BillingEvent.PAYMENT_FAILED ? 1 : 0;
                overdue += b.event() == BillingEvent.INVOICE_OVERDUE ? 1 : 0;
            }
            if ((b.event() == BillingEvent.PAYMENT_FAILED || b.event() == BillingEvent.INVOICE_PAID)
                    && (lastPayment == null || !b.occurredAt().isBefore(lastPayment.occurredAt()))) {
                lastPayment = b;
            }
            if (b.event() == BillingEvent.MRR_CHANGED) {
                mrr.add(b);
            }
        }
        mrr.sort(Comparator.comparing(BillingSignal::occurredAt));
        BigDecimal current = mrr.isEmpty() ? BigDecimal.ZERO : amount(mrr.get(mrr.size() - 1));
        BigDecimal change = mrr.size() < 2 ? BigDecimal.ZERO : current.subtract(amount(mrr.get(mrr.size() - 2)));
        boolean lastFailed = lastPayment != null && lastPayment.event() == BillingEvent.PAYMENT_FAILED;
        return new BillingStatus(accountId, failed, overdue, lastFailed, current, change);
    }

    private static BigDecimal amount(BillingSignal b) {
        return b.amount() == null ? BigDecimal.ZERO : b.amount();
    }

    private Integer lastNps(Instant now) {
        NpsSignal last = null;
        for (NpsSignal n : nps) {
            if (!n.occurredAt().isAfter(now) && (last == null || !n.occurredAt().isBefore(last.occurredAt()))) {
                last = n;
            }
        }
        return last == null ? null : last.score();
    }
}
