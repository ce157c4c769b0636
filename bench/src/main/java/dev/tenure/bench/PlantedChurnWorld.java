package dev.tenure.bench;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;
import dev.tenure.engine.vocabulary.UsageSignal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A customer base with known ground truth, the same for the same seed: which accounts cancel, when, and after
 * which warning signs, beside healthy accounts whose noise looks like warning signs. Volumes differ by orders of
 * magnitude (from two uses a week to thousands a day, log-uniform); usage has a weekly rhythm, a yearly season,
 * day-to-day swings wider than Poisson's and, for small accounts, Poisson counts (days without use send
 * nothing, as exports do). Healthy accounts get holiday dips (some on shared dates, some their own), stray
 * urgent tickets, failed payments paid within days and NPS answers, mostly promoters and passives.
 * About 12% cancel ({@code SUBSCRIPTION_CANCELLED}, the ground truth) after signs that start 3 to 10 weeks
 * before: a gradual decline, an abrupt drop, going silent, a burst of urgent tickets, a payment that fails
 * and is not paid, a detractor NPS answer, alone or mixed; a few cancel with weak signs or none.
 * The {@code variant} changes the mix and the noise ({@link WorldMix}), to check that rules tuned on one world
 * hold on another.
 */
final class PlantedChurnWorld {

    /** Kinds of warning sign a cancelling account shows. */
    enum Sign { GRADUAL_DECLINE, ABRUPT_DROP, GOES_SILENT, TICKET_SPIKE, UNPAID_PAYMENT, DETRACTOR, WEAK }

    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final int PERIOD_DAYS = 180;
    /** Days loaded before the period: more than the backtest reads as history, so the first weeks are complete. */
    static final int HISTORY_DAYS = 91;

    private final Random random;
    private final WorldMix mix;
    private final List<Customer> customers = new ArrayList<>();

    static final class Customer {
        final Account account;
        final double dailyUses;
        final double weekendShare;
        final double swing;
        final double seasonAmplitude;
        final double seasonPhase;
        final double urgentPerMonth;
        final int invoiceDay;
        final int cancelDay;
        final int signsFrom;
        final Set<Sign> signs;
        final double declineTo;
        final List<int[]> holidays = new ArrayList<>();
        final List<Double> holidayDepths = new ArrayList<>();
        final List<int[]> openTickets = new ArrayList<>();
        int spikeDay = Integer.MIN_VALUE;
        int spikeTickets;
        int detractorDay = Integer.MIN_VALUE;
        int failedInvoiceDay = Integer.MIN_VALUE;
        int paidAgainDay = Integer.MIN_VALUE;
        int sequence;

        Customer(Account account, double dailyUses, double weekendShare, double swing, double seasonAmplitude,
                 double seasonPhase, double urgentPerMonth, int invoiceDay, int cancelDay, int signsFrom, Set<Sign> signs,
                 double declineTo) {
            this.account = account;
            this.dailyUses = dailyUses;
            this.weekendShare = weekendShare;
            this.swing = swing;
            this.seasonAmplitude = seasonAmplitude;
            this.seasonPhase = seasonPhase;
            this.urgentPerMonth = urgentPerMonth;
            this.invoiceDay = invoiceDay;
            this.cancelDay = cancelDay;
            this.signsFrom = signsFrom;
            this.signs = signs;
            this.declineTo = declineTo;
        }

        boolean cancels() {
            return cancelDay != Integer.MAX_VALUE;
        }

        String nextId() {
            return account.id() + "-" + (++sequence);
        }
    }

    PlantedChurnWorld(int accounts, long seed, int variant) {
        this.mix = WorldMix.of(variant);
        this.random = new Random(seed);
        LocalDate start = LocalDate.ofInstant(START, ZoneOffset.UTC);
        for (int i = 0; i < accounts; i++) {
            // Log-uniform from about 0.3 uses a day (two a week) to 3,000 a day.
            double dailyUses = Math.exp(Math.log(0.3) + random.nextDouble() * Math.log(3000 / 0.3));
            Segment segment = dailyUses > 300 ? (random.nextDouble() < 0.6 ? Segment.HIGH_TOUCH : Segment.LOW_TOUCH)
                    : dailyUses > 20 ? (random.nextDouble() < 0.6 ? Segment.LOW_TOUCH : Segment.TECH_TOUCH) : Segment.TECH_TOUCH;
            Stage stage = random.nextDouble() < 0.3 ? Stage.ADOPTION : Stage.VALUE;
            String id = String.format("q%d-%05d", variant, i);
            long arr = Math.max(1200, Math.round(dailyUses * 40 + random.nextInt(20) * 600) / 100 * 100);
            Account account = new Account(id, "Customer " + i, segment, stage, "csm-" + (i % 25) + "@tenure.example",
                    BigDecimal.valueOf(arr), "growth", start.minusDays(150 + random.nextInt(1200)),
                    start.plusDays(5 + random.nextInt(360)), "UTC");
            int cancelDay = Integer.MAX_VALUE;
            int signsFrom = Integer.MAX_VALUE;
            Set<Sign> signs = EnumSet.noneOf(Sign.class);
            if (random.nextDouble() < mix.churnShare()) {
                // Signs start inside the period, as a backtest replays it: an alert before the period is never scored.
                int signsLast = mix.signsMinDays() + random.nextInt(mix.signsSpreadDays());
                cancelDay = signsLast + random.nextInt(PERIOD_DAYS - signsLast);
                signsFrom = cancelDay - signsLast;
                signs = signs();
            }
            double volumeFactor = Math.pow(Math.max(dailyUses, 1), 0.25);
            Customer c = new Customer(account, dailyUses, 0.25 + random.nextDouble() * 0.5,
                    mix.swingMin() + random.nextDouble() * 0.2, random.nextDouble() * mix.seasonMax(),
                    random.nextDouble() * 2 * Math.PI, 0.05 + 0.12 * volumeFactor * random.nextDouble(), random.nextInt(30),
                    cancelDay, signsFrom, signs, 0.05 + random.nextDouble() * 0.35);
            plan(c);
            customers.add(c);
        }
    }

    /** The signs of one cancelling account: mostly one or two kinds, usage most often among them. */
    private Set<Sign> signs() {
        Set<Sign> signs = EnumSet.noneOf(Sign.class);
        if (random.nextDouble() < mix.weakShare()) {
            signs.add(Sign.WEAK);
            return signs;
        }
        double usage = random.nextDouble();
        if (usage < 0.4) {
            signs.add(Sign.GRADUAL_DECLINE);
        } else if (usage < 0.6) {
            signs.add(Sign.ABRUPT_DROP);
        } else if (usage < 0.75) {
            signs.add(Sign.GOES_SILENT);
        }
        if (random.nextDouble() < 0.25) {
            signs.add(Sign.TICKET_SPIKE);
        }
        if (random.nextDouble() < 0.2) {
            signs.add(Sign.UNPAID_PAYMENT);
        }
        if (random.nextDouble() < 0.25) {
            signs.add(Sign.DETRACTOR);
        }
        if (signs.isEmpty()) {
            signs.add(random.nextBoolean() ? Sign.TICKET_SPIKE : Sign.DETRACTOR);
        }
        return signs;
    }

    /** Holidays, the ticket spike, the detractor answer and the failed payment, decided up front. */
    private void plan(Customer c) {
        for (double[] h : mix.sharedHolidays()) {
            if (random.nextDouble() < h[3]) {
                c.holidays.add(new int[] {(int) h[0] + random.nextInt(3), (int) h[1]});
                c.holidayDepths.add(h[2] + random.nextDouble() * 0.2);
            }
        }
        int own = random.nextDouble() < mix.ownHolidayShare() ? 1 + (random.nextDouble() < 0.3 ? 1 : 0) : 0;
        for (int k = 0; k < own; k++) {
            int[] holiday = {-HISTORY_DAYS + random.nextInt(HISTORY_DAYS + PERIOD_DAYS), 5 + random.nextInt(mix.ownHolidayDays())};
            // A holiday is a week or two: an account's own never runs into another of its holidays.
            if (c.holidays.stream().noneMatch(h -> holiday[0] < h[0] + h[1] + 21 && h[0] < holiday[0] + holiday[1] + 21)) {
                c.holidays.add(holiday);
                c.holidayDepths.add(mix.ownDepthMin() + random.nextDouble() * mix.ownDepthSpread());
            }
        }
        if (c.signs.contains(Sign.TICKET_SPIKE)) {
            c.spikeDay = c.signsFrom + random.nextInt(Math.max(1, (c.cancelDay - c.signsFrom) / 2));
            c.spikeTickets = mix.burst().fewest + random.nextInt(mix.burst().spread);
        }
        if (c.signs.contains(Sign.DETRACTOR)) {
            c.detractorDay = c.signsFrom + random.nextInt(Math.max(1, (c.cancelDay - c.signsFrom) * 2 / 3));
        }
    }

    List<Customer> customers() {
        return customers;
    }

    List<Account> accounts() {
        return customers.stream().map(c -> c.account).toList();
    }

    List<Contact> contacts() {
        List<Contact> contacts = new ArrayList<>();
        for (Customer c : customers) {
            String id = c.account.id();
            contacts.add(new Contact(id, "champion@" + id + ".example", "Champion", ContactRole.CHAMPION, null, true, false));
            contacts.add(new Contact(id, "billing@" + id + ".example", "Billing", ContactRole.BILLING, null, true, false));
            if (random.nextDouble() < 0.5) {
                contacts.add(new Contact(id, "sponsor@" + id + ".example", "Sponsor", ContactRole.EXEC_SPONSOR, null, true, false));
            }
        }
        return contacts;
    }

    /** What every customer did on one day (0 = {@link #START}), oldest first, no two at the same moment. */
    List<Signal> day(int day) {
        Instant midnight = START.plus(Duration.ofDays(day));
        List<Signal> signals = new ArrayList<>();
        for (Customer c : customers) {
            if (day > c.cancelDay) {
                continue;
            }
            if (day == c.cancelDay) {
                signals.add(billing(c, at(midnight), BillingEvent.SUBSCRIPTION_CANCELLED));
                continue;
            }
            usage(c, day, midnight, signals);
            tickets(c, day, midnight, signals);
            invoices(c, day, midnight, signals);
            nps(c, day, midnight, signals);
        }
        signals.sort(Comparator.comparing(Signal::occurredAt));
        return SignalMoments.distinct(signals);
    }

    /** How much of its usual use a customer has left on a day, from its warning signs (1: none). */
    private double left(Customer c, int day) {
        if (day < c.signsFrom || c.signs.contains(Sign.WEAK) && day < c.signsFrom) {
            return 1;
        }
        double through = (double) (day - c.signsFrom) / Math.max(1, c.cancelDay - c.signsFrom);
        if (c.signs.contains(Sign.WEAK)) {
            return 1 - 0.25 * through;
        }
        if (c.signs.contains(Sign.GOES_SILENT)) {
            return through < 0.15 ? 1 - through * 3 : 0;
        }
        if (c.signs.contains(Sign.ABRUPT_DROP)) {
            return c.declineTo + 0.1;
        }
        if (c.signs.contains(Sign.GRADUAL_DECLINE)) {
            return 1 - (1 - c.declineTo) * through;
        }
        return 1 - 0.15 * through;
    }

    private void usage(Customer c, int day, Instant midnight, List<Signal> signals) {
        double rate = c.dailyUses * left(c, day);
        int weekday = Math.floorMod(day, 7);
        if (weekday >= 5) {
            rate *= c.weekendShare;
        } else {
            rate *= (7 - 2 * c.weekendShare) / 5;
        }
        rate *= 1 + c.seasonAmplitude * Math.sin(2 * Math.PI * day / 365.0 + c.seasonPhase);
        for (int h = 0; h < c.holidays.size(); h++) {
            int[] holiday = c.holidays.get(h);
            if (day >= holiday[0] && day < holiday[0] + holiday[1]) {
                rate *= c.holidayDepths.get(h);
            }
        }
        // Day-to-day swings wider than Poisson's: a gamma-distributed rate (mean 1, coefficient of variation `swing`).
        rate *= gamma(1 / (c.swing * c.swing)) * c.swing * c.swing;
        long uses = poisson(rate);
        if (uses == 0) {
            return;
        }
        int users = (int) Math.max(1, Math.round(Math.sqrt(uses)));
        signals.add(new UsageSignal("quality", c.nextId(), c.account.id(), at(midnight), "core", uses, users));
        long reports = poisson(uses / 6.0);
        if (reports > 0) {
            signals.add(new UsageSignal("quality", c.nextId(), c.account.id(), at(midnight), "reports", reports, users));
        }
    }

    private void tickets(Customer c, int day, Instant midnight, List<Signal> signals) {
        for (int i = c.openTickets.size() - 1; i >= 0; i--) {
            int[] ticket = c.openTickets.get(i);
            if (ticket[1] == day) {
                signals.add(new TicketSignal("quality", c.nextId(), c.account.id(), at(midnight), "T-" + ticket[0],
                        TicketPriority.values()[ticket[2]], TicketStatus.SOLVED, null));
                c.openTickets.remove(i);
            }
        }
        // Stray tickets: urgent ones at the account's own rate, and three times as many minor ones.
        double urgent = c.urgentPerMonth / 30;
        int opened = 0;
        if (random.nextDouble() < urgent) {
            open(c, day, midnight, signals, random.nextInt(2));
            opened++;
        }
        if (random.nextDouble() < urgent * 3) {
            open(c, day, midnight, signals, 2 + random.nextInt(2));
        }
        if (c.spikeTickets > 0 && day >= c.spikeDay && random.nextDouble() < mix.burst().dailyChance) {
            open(c, day, midnight, signals, mix.burst().priority(random));
            c.spikeTickets--;
        }
    }

    private void open(Customer c, int day, Instant midnight, List<Signal> signals, int priority) {
        int number = ++c.sequence;
        c.openTickets.add(new int[] {number, day + 1 + random.nextInt(8), priority});
        signals.add(new TicketSignal("quality", c.nextId(), c.account.id(), at(midnight), "T-" + number,
                TicketPriority.values()[priority], TicketStatus.OPEN, "Something is not working"));
    }

    private void invoices(Customer c, int day, Instant midnight, List<Signal> signals) {
        int inCycle = Math.floorMod(day - c.invoiceDay, 30);
        if (inCycle == 0) {
            signals.add(billing(c, at(midnight), BillingEvent.INVOICE_ISSUED));
        } else if (inCycle == 3) {
            boolean unpaid = c.signs.contains(Sign.UNPAID_PAYMENT) && day >= c.signsFrom && c.failedInvoiceDay == Integer.MIN_VALUE;
            boolean failsOnce = !unpaid && random.nextDouble() < mix.failedPayment();
            if (unpaid || failsOnce) {
                signals.add(billing(c, at(midnight), BillingEvent.PAYMENT_FAILED));
                c.failedInvoiceDay = day;
                // A healthy account's card is fixed within one to six days; a leaving one's never is.
                c.paidAgainDay = unpaid ? Integer.MAX_VALUE : day + 1 + random.nextInt(6);
            } else if (c.paidAgainDay == Integer.MIN_VALUE || c.paidAgainDay < day) {
                signals.add(billing(c, at(midnight), BillingEvent.INVOICE_PAID));
            }
        }
        if (day == c.paidAgainDay) {
            signals.add(billing(c, at(midnight), BillingEvent.INVOICE_PAID));
            c.paidAgainDay = Integer.MIN_VALUE;
            c.failedInvoiceDay = Integer.MIN_VALUE;
        }
    }

    private void nps(Customer c, int day, Instant midnight, List<Signal> signals) {
        int score;
        if (day == c.detractorDay) {
            score = random.nextInt(6);
        } else if (random.nextInt(120) == 0) {
            double kind = random.nextDouble();
            // Healthy answers: mostly promoters and passives, now and then a mild detractor.
            score = kind < 0.5 ? 9 + random.nextInt(2) : kind < 0.92 ? 7 + random.nextInt(2) : 5 + random.nextInt(2);
        } else {
            return;
        }
        signals.add(new NpsSignal("quality", c.nextId(), c.account.id(), at(midnight), "champion@" + c.account.id() + ".example",
                score, null));
    }

    private BillingSignal billing(Customer c, Instant at, BillingEvent event) {
        return new BillingSignal("quality", c.nextId(), c.account.id(), at, event,
                c.account.arr().divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP), "USD", "INV-" + c.sequence);
    }

    private long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean), product = random.nextDouble();
        long n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    /** A gamma variate of shape {@code k} and scale 1 (Marsaglia and Tsang). */
    private double gamma(double k) {
        if (k < 1) {
            return gamma(k + 1) * Math.pow(random.nextDouble(), 1 / k);
        }
        double d = k - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian(), v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** Some moment of the working day, to the millisecond. */
    private Instant at(Instant midnight) {
        return midnight.plusMillis(7 * 3_600_000L + random.nextInt(14 * 3_600_000));
    }
}
