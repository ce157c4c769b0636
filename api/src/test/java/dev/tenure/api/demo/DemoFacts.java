package dev.tenure.api.demo;

import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The starter rules' thresholds, computed straight from the generated records, without the engine:
 * what each account looks like to the rules on the day the demo is loaded.
 *
 * <p>Two choices the rules could make are left open, and the demo must hold under both. {@code lag} 0
 * counts today as the first of the last 7 days (as the engine's rollups do), {@code lag} 1 starts from
 * yesterday (days 1–7 against 8–35). {@code slack} 0 reads "within 14 days" as 0–13 days ago, 1 as 0–14
 * days ago, which is what the engine's instant windows come to at the start and at the end of the day.
 */
final class DemoFacts {

    /** The starter rules, by what they look at. */
    enum Rule {
        USAGE_DROP, URGENT_TICKETS, PAYMENT_FAILED, DETRACTOR, FIRST_VALUE, ONBOARDING_NUDGE, RENEWAL_RISK, QBR_PREP
    }

    /** The key feature, as the rules spell it. */
    static final String CORE = "core";

    private final LocalDate today;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, List<Signal>> signals;
    private final Map<String, List<Contact>> contacts;

    DemoFacts(List<Batch> batches, LocalDate today) {
        this.today = today;
        batches.forEach(b -> b.accounts().forEach(a -> accounts.put(a.value().id(), a.value())));
        this.contacts = batches.stream().flatMap(b -> b.contacts().stream()).map(Labeled::value)
                .collect(Collectors.groupingBy(Contact::accountId));
        this.signals = batches.stream().flatMap(b -> b.signals().stream()).map(Labeled::value)
                .collect(Collectors.groupingBy(Signal::accountId));
    }

    Account account(String id) {
        return accounts.get(id);
    }

    long daysAgo(Signal s) {
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(s.occurredAt(), ZoneOffset.UTC), today);
    }

    <T extends Signal> List<T> of(String accountId, Class<T> kind) {
        return signals.getOrDefault(accountId, List.of()).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Quantity used in the 7 days starting {@code from} days ago. */
    long week(String accountId, String feature, int from) {
        return of(accountId, UsageSignal.class).stream()
                .filter(u -> feature == null || u.feature().equals(feature))
                .filter(u -> daysAgo(u) >= from && daysAgo(u) < from + 7).mapToLong(UsageSignal::quantity).sum();
    }

    /** Last 7 days against the weekly average of the 28 days before them, in percent; 0 without a baseline. */
    double changePct(String accountId, String feature, int lag) {
        long last7 = week(accountId, feature, lag);
        double baseline = (week(accountId, feature, lag + 7) + week(accountId, feature, lag + 14)
                + week(accountId, feature, lag + 21) + week(accountId, feature, lag + 28)) / 4.0;
        return baseline > 0 ? (last7 - baseline) * 100 / baseline : 0;
    }

    /**
     * The best 7 days in a row of the last 28 against the usual week (the median of the eight weeks 29-84 days
     * ago that lie wholly after the account's first usage), in percent, as the starter usage rules judge a drop
     * that stayed; 0 without a usual week.
     */
    double sustainedChangePct(String accountId, String feature, int lag) {
        long highest = java.util.stream.IntStream.rangeClosed(0, 21).mapToLong(k -> week(accountId, feature, lag + k))
                .max().orElse(0);
        long oldest = of(accountId, UsageSignal.class).stream().filter(u -> feature == null || u.feature().equals(feature))
                .mapToLong(this::daysAgo).max().orElse(-1);
        long[] usual = java.util.stream.IntStream.range(4, 12).map(i -> lag + 7 * i).filter(from -> from + 6 <= oldest)
                .mapToLong(from -> week(accountId, feature, from)).sorted().toArray();
        if (usual.length < 2) {
            return 0;
        }
        int n = usual.length;
        double median = n % 2 == 1 ? usual[n / 2] : (usual[n / 2 - 1] + usual[n / 2]) / 2.0;
        return median > 0 ? (highest - median) * 100 / median : 0;
    }

    Optional<Long> daysSinceLastUse(String accountId) {
        return of(accountId, UsageSignal.class).stream().filter(u -> u.quantity() > 0).map(this::daysAgo)
                .min(Comparator.naturalOrder());
    }

    /** A ticket as the rollups see it: how long ago it was opened, whether P1/P2, whether still open. */
    record Ticket(String id, long openedDaysAgo, boolean urgent, boolean open) {
    }

    List<Ticket> tickets(String accountId) {
        return of(accountId, TicketSignal.class).stream().collect(Collectors.groupingBy(TicketSignal::ticketId))
                .values().stream().map(updates -> {
                    TicketSignal first = updates.stream().min(Comparator.comparing(Signal::occurredAt)).orElseThrow();
                    TicketSignal last = updates.stream().max(Comparator.comparing(Signal::occurredAt)).orElseThrow();
                    return new Ticket(first.ticketId(), daysAgo(first), first.priority().high(), last.status().open());
                }).toList();
    }

    /** The latest payment outcome (failed or paid), if any. */
    Optional<BillingSignal> lastPayment(String accountId) {
        return of(accountId, BillingSignal.class).stream()
                .filter(b -> b.event() == BillingEvent.PAYMENT_FAILED || b.event() == BillingEvent.INVOICE_PAID)
                .max(Comparator.comparing(Signal::occurredAt));
    }

    Optional<NpsSignal> lastNps(String accountId) {
        return of(accountId, NpsSignal.class).stream().max(Comparator.comparing(Signal::occurredAt));
    }

    /** The shipped health model (rules/health.yml): usage 30%, support 20%, billing 20%, sentiment 20%, relationship 10%. */
    double health(String accountId, int lag) {
        double usage;
        // rules/health.yml: usage over the best 7 days in a row of the last 28 against the usual week, 0 after 21 idle days.
        if (daysSinceLastUse(accountId).orElse(Long.MAX_VALUE) >= 21) {
            usage = 0;
        } else {
            double change = sustainedChangePct(accountId, null, lag);
            usage = change >= 0 ? 100 : 100 * Math.max(0, 1 + change / 80);
        }
        List<Ticket> open = tickets(accountId).stream().filter(Ticket::open).toList();
        long urgent = open.stream().filter(Ticket::urgent).count();
        double support = Math.max(0, 100 - 25 * urgent - 10 * (open.size() - urgent));
        boolean lastFailed = lastPayment(accountId).map(p -> p.event() == BillingEvent.PAYMENT_FAILED).orElse(false);
        double billing = lastFailed ? 20 : 100;
        double sentiment = sentiment(accountId);
        double relationship = (active(accountId, ContactRole.CHAMPION) ? 50 : 0) + (active(accountId, ContactRole.EXEC_SPONSOR) ? 50 : 0);
        return 0.55 * usage + 0.15 * support + 0.10 * billing + 0.10 * sentiment + 0.10 * relationship;
    }

    /** NPS × 10 and the satisfied share of the CSAT answers of the last 90 days, weighted 50:50; either alone; else 70. */
    double sentiment(String accountId) {
        Optional<Double> nps = lastNps(accountId).map(n -> n.score() * 10.0);
        List<CsatSignal> csat = of(accountId, CsatSignal.class).stream().filter(c -> daysAgo(c) < 90).toList();
        Optional<Double> satisfied = csat.isEmpty() ? Optional.empty()
                : Optional.of(100.0 * csat.stream().filter(CsatSignal::satisfied).count() / csat.size());
        if (nps.isPresent() && satisfied.isPresent()) {
            return Math.round((nps.get() + satisfied.get()) / 2);
        }
        return nps.or(() -> satisfied).map(Math::round).map(Long::doubleValue).orElse(70.0);
    }

    private boolean active(String accountId, ContactRole role) {
        return contacts.getOrDefault(accountId, List.of()).stream().anyMatch(c -> c.role() == role && c.active());
    }

    long daysToRenewal(String accountId) {
        return ChronoUnit.DAYS.between(today, account(accountId).renewalOn());
    }

    long daysToQbr(String accountId) {
        long elapsed = ChronoUnit.DAYS.between(account(accountId).startedOn(), today);
        return 90 - elapsed % 90;
    }

    /** The rules that would fire for the account. */
    Set<Rule> firing(String accountId, int lag, int slack) {
        Account a = account(accountId);
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        if (sustainedChangePct(accountId, CORE, lag) <= -35) {
            rules.add(Rule.USAGE_DROP);
        }
        if (tickets(accountId).stream().filter(t -> t.urgent() && t.openedDaysAgo() < 14 + slack).count() >= 3) {
            rules.add(Rule.URGENT_TICKETS);
        }
        // Still failed a week after the (latest) failure, and not older than the 30 days a failure counts.
        if (lastPayment(accountId).filter(p -> p.event() == BillingEvent.PAYMENT_FAILED && daysAgo(p) >= 7 - slack
                && daysAgo(p) < 30 + slack).isPresent()) {
            rules.add(Rule.PAYMENT_FAILED);
        }
        if (of(accountId, NpsSignal.class).stream().anyMatch(n -> n.score() <= 4 && daysAgo(n) < 7 + slack)) {
            rules.add(Rule.DETRACTOR);
        }
        if (a.stage() == Stage.ONBOARDING && week(accountId, CORE, lag) >= 50) {
            rules.add(Rule.FIRST_VALUE);
        }
        if (a.stage() == Stage.ONBOARDING && daysSinceLastUse(accountId).orElse(Long.MAX_VALUE) >= 14 + slack) {
            rules.add(Rule.ONBOARDING_NUDGE);
        }
        long toRenewal = daysToRenewal(accountId);
        if (toRenewal >= 0 && toRenewal <= 90 && health(accountId, lag) < 50) {
            rules.add(Rule.RENEWAL_RISK);
        }
        if (a.segment() == Segment.HIGH_TOUCH && daysToQbr(accountId) <= 14 - slack) {
            rules.add(Rule.QBR_PREP);
        }
        return rules;
    }
}
