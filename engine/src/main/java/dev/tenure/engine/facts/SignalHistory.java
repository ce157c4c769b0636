package dev.tenure.engine.facts;

import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.CsatAnswers;
import dev.tenure.engine.vocabulary.CsatSignal;
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
import java.util.LinkedHashMap;
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
    /** Per feature, in name order. */
    private final Map<String, DailyUsage> usage = new TreeMap<>();
    private final Map<String, List<TicketSignal>> tickets = new HashMap<>();
    private final List<BillingSignal> billing = new ArrayList<>();
    private final List<NpsSignal> nps = new ArrayList<>();
    private final List<CsatSignal> csat = new ArrayList<>();
    private final List<ContactSignal> contactChanges = new ArrayList<>();
    private final boolean replay;
    /** The first usage, ticket, billing or survey signal added (contact changes may be dated years back). */
    private Instant earliest;

    /** The signals of a scenario or of the database's roll-up: an account without use is idle since it started. */
    public SignalHistory() {
        this(false);
    }

    private SignalHistory(boolean replay) {
        this.replay = replay;
    }

    /**
     * The signals a backtest or a health backfill replays, which begin with its history, often after the account
     * started (an imported past): without a use, an account is idle since its first replayed signal, and not at all
     * before it, so the first days of an import do not make every account idle for the months before them. Its contact
     * changes are the recorded ones, each counted from its moment ({@link #contactsAsOf}).
     */
    public static SignalHistory replaying() {
        return new SignalHistory(true);
    }

    /** Adds a signal; false when one of the same source, kind and external id was already added (as the store keys them). */
    public boolean add(Signal signal) {
        if (!seen.add(signal.source() + "\u0000" + signal.kind() + "\u0000" + signal.externalId())) {
            return false;
        }
        if (!(signal instanceof ContactSignal) && (earliest == null || signal.occurredAt().isBefore(earliest))) {
            earliest = signal.occurredAt();
        }
        if (signal instanceof UsageSignal u) {
            usage.computeIfAbsent(u.feature(), f -> new DailyUsage())
                    .add(LocalDate.ofInstant(u.occurredAt(), ZoneOffset.UTC), u.quantity(), u.activeUsers());
        } else if (signal instanceof TicketSignal t) {
            tickets.computeIfAbsent(t.ticketId(), id -> new ArrayList<>()).add(t);
        } else if (signal instanceof BillingSignal b) {
            billing.add(b);
        } else if (signal instanceof NpsSignal n) {
            nps.add(n);
        } else if (signal instanceof CsatSignal c) {
            csat.add(c);
        } else if (signal instanceof ContactSignal c) {
            contactChanges.add(c);
        }
        return true;
    }

    /**
     * The facts at {@code now}. {@code contacts} are the account's contacts before the contact changes added
     * here; each change that happened by now is applied to them.
     */
    public FactSet factsAsOf(Account account, List<Contact> contacts, List<Milestone> milestones, List<PlayRun> plays,
                             Instant now) {
        return factsAsOf(account, contacts, milestones, plays, FactSettings.DEFAULTS, now);
    }

    /** The facts as of {@code now}, point-in-time facts aged by the rule set's {@code settings}. */
    public FactSet factsAsOf(Account account, List<Contact> contacts, List<Milestone> milestones, List<PlayRun> plays,
                             FactSettings settings, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new FactSet(new Today(today, now), account, contactsAsOf(contacts, now), usage(account, today, knownSince(today, now)),
                tickets(account.id(), today, now), billing(account.id(), settings, now), lastNps(now), csat(account.id(), now),
                List.copyOf(milestones), List.copyOf(plays), DerivedFacts.renewal(account, today), DerivedFacts.qbr(account, today));
    }

    /**
     * {@code contacts} with every contact change added here that happened by {@code now} applied, in the order
     * they happened (each leaves the contact as the change says it was after it): a changed contact keeps its
     * place, an added one comes last. Applying a change again is harmless, so contacts that already reflect
     * some of them (a backtest starts from the contacts as they were) come out the same.
     * <p>
     * Signals just received (a scenario's) count a change stamped a fast clock's few minutes ahead as made
     * ({@link Lifecycle#hasHappened}): live intake changes the contact as soon as it takes such a change in, and the
     * change counts as arrived, so a rule sees the change and the contact it left together. A replay's changes are
     * the recorded ones, never stamped after they were recorded: each counts from its moment.
     */
    public List<Contact> contactsAsOf(List<Contact> contacts, Instant now) {
        if (contactChanges.isEmpty()) {
            return List.copyOf(contacts);
        }
        Instant made = replay ? now : Lifecycle.latestHappened(now);
        Map<String, Contact> byEmail = new LinkedHashMap<>();
        contacts.forEach(c -> byEmail.put(c.email(), c));
        contactChanges.stream().filter(c -> !c.occurredAt().isAfter(made))
                .sorted(Comparator.comparing(ContactSignal::occurredAt))
                // A contact already known is not added again: what its first appearance said is older news.
                .filter(c -> c.change() != ContactChange.ADDED || !byEmail.containsKey(c.email()))
                .forEach(c -> byEmail.put(c.email(), c.applyTo(byEmail.get(c.email()))));
        return List.copyOf(byEmail.values());
    }

    /** In a replay, the first day of the account's replayed data (today before any); otherwise null. */
    private LocalDate knownSince(LocalDate today, Instant now) {
        if (!replay) {
            return null;
        }
        return earliest == null || earliest.isAfter(now) ? today : LocalDate.ofInstant(earliest, ZoneOffset.UTC);
    }

    private List<UsageTrend> usage(Account account, LocalDate today, LocalDate knownSince) {
        long day = today.toEpochDay();
        long recentFrom = day - DerivedFacts.RECENT_DAYS;
        long baselineFrom = recentFrom - DerivedFacts.BASELINE_DAYS;
        long lookbackFrom = day - (DerivedFacts.LOOKBACK_DAYS - 1);
        List<UsageTrend> trends = new ArrayList<>();
        DerivedFacts.Weeks all = DerivedFacts.Weeks.empty();
        int allActive = 0;
        LocalDate allLast = null;
        for (Map.Entry<String, DailyUsage> feature : usage.entrySet()) {
            DailyUsage days = feature.getValue();
            if (!days.hasDataBetween(lookbackFrom, day)) {
                continue;
            }
            long[] weeks = new long[DerivedFacts.WEEKS];
            for (int i = 0; i < weeks.length; i++) {
                weeks[i] = days.uses(day - 7L * (i + 1), day - 7L * i);
            }
            long[] recentDays = new long[DerivedFacts.RECENT_DAYS_READ];
            for (int i = 0; i < recentDays.length; i++) {
                recentDays[i] = days.uses(day - i - 1, day - i);
            }
            DerivedFacts.Weeks w = new DerivedFacts.Weeks(weeks, days.uses(baselineFrom, recentFrom),
                    days.firstDataBetween(lookbackFrom, day), recentDays);
            int active = days.mostActiveUsers(recentFrom, day);
            LocalDate last = days.lastUsedBetween(lookbackFrom, day);
            trends.add(DerivedFacts.trend(account, today, feature.getKey(), w, active, last, knownSince));
            all = all.plus(w);
            allActive = Math.max(allActive, active);
            allLast = last == null ? allLast : allLast == null || last.isAfter(allLast) ? last : allLast;
        }
        trends.add(DerivedFacts.trend(account, today, UsageTrend.ALL_FEATURES, all, allActive, allLast, knownSince));
        return trends;
    }

    private TicketLoad tickets(String accountId, LocalDate today, Instant now) {
        int[] open = new int[4];
        int opened14 = 0, high14 = 0, opened60 = 0, high60 = 0, opened28 = 0, opened88 = 0, oldestOpen = 0;
        Instant since14 = FactSet.daysBefore(now, 14);
        Instant since60 = FactSet.daysBefore(now, 60);
        Instant since28 = FactSet.daysBefore(now, 28);
        Instant since88 = FactSet.daysBefore(now, 88);
        // Known from the first usage day or ticket, whichever came first, as the database reads them.
        LocalDate first = null;
        long lookbackFrom = today.toEpochDay() - (DerivedFacts.LOOKBACK_DAYS - 1);
        for (DailyUsage days : usage.values()) {
            LocalDate day = days.firstDataBetween(lookbackFrom, today.toEpochDay());
            first = day == null || first != null && !day.isBefore(first) ? first : day;
        }
        for (List<TicketSignal> updates : tickets.values()) {
            Instant openedAt = null;
            // The latest update wins; of two at the same moment, the one received last.
            TicketSignal latest = null;
            for (TicketSignal t : updates) {
                if (t.occurredAt().isAfter(now)) {
                    continue;
                }
                if (openedAt == null || t.occurredAt().isBefore(openedAt)) {
                    openedAt = t.occurredAt();
                }
                if (latest == null || !t.occurredAt().isBefore(latest.occurredAt())) {
                    latest = t;
                }
            }
            if (latest == null) {
                continue;
            }
            LocalDate openedOn = LocalDate.ofInstant(openedAt, ZoneOffset.UTC);
            first = first == null || openedOn.isBefore(first) ? openedOn : first;
            if (latest.status().open()) {
                open[latest.priority().ordinal()]++;
                oldestOpen = Math.max(oldestOpen, (int) Duration.between(openedAt, now).toDays());
            }
            if (openedAt.isAfter(since14)) {
                opened14++;
                if (latest.priority().high()) {
                    high14++;
                }
            }
            if (openedAt.isAfter(since60)) {
                opened60++;
                if (latest.priority().high()) {
                    high60++;
                }
            }
            if (openedAt.isAfter(since28)) {
                opened28++;
            }
            if (openedAt.isAfter(since88)) {
                opened88++;
            }
        }
        return new TicketLoad(accountId, open[0], open[1], open[2], open[3], opened14, high14, opened60, oldestOpen, high60,
                opened28, opened88, TicketLoad.daysKnown(first, today));
    }

    private BillingStatus billing(String accountId, FactSettings settings, Instant now) {
        Instant since = FactSet.daysBefore(now, 30);
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
        return settings.billingStatus(accountId, failed, overdue, lastFailed ? lastPayment.occurredAt() : null, current, change, now);
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

    private CsatAnswers csat(String accountId, Instant now) {
        Instant since = FactSet.daysBefore(now, CsatAnswers.WINDOW_DAYS);
        int answers = 0, satisfied = 0;
        for (CsatSignal c : csat) {
            if (c.occurredAt().isAfter(since) && !c.occurredAt().isAfter(now)) {
                answers++;
                satisfied += c.satisfied() ? 1 : 0;
            }
        }
        return answers == 0 ? null : new CsatAnswers(accountId, answers, satisfied);
    }
}
