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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A made-up customer base, the same for the same seed: accounts with contacts, and day by day what they
 * do. Every live account reports core usage daily and reports usage every other day; some open and solve
 * tickets, pay (or fail to pay) monthly invoices, answer NPS. About one in sixteen declines (usage falls
 * or stops, urgent tickets, failed payments, low NPS) and most of those cancel weeks later; a few cancel
 * out of the blue, and a few decliners recover.
 */
final class SyntheticCustomers {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final Random random;
    private final List<Customer> customers = new ArrayList<>();

    /** One customer and what the generator keeps about it. */
    private static final class Customer {
        final Account account;
        final int uses;
        final int users;
        final int declineDay;
        final int cancelDay;
        final boolean goesSilent;
        final int invoiceOffset;
        final List<int[]> openTickets = new ArrayList<>();
        int failedInvoiceDay = -1;
        int sequence;

        Customer(Account account, int uses, int users, int declineDay, int cancelDay, boolean goesSilent, int invoiceOffset) {
            this.account = account;
            this.uses = uses;
            this.users = users;
            this.declineDay = declineDay;
            this.cancelDay = cancelDay;
            this.goesSilent = goesSilent;
            this.invoiceOffset = invoiceOffset;
        }

        String nextId() {
            return account.id() + "-" + (++sequence);
        }

        boolean declining(int day) {
            return day >= declineDay;
        }
    }

    SyntheticCustomers(int accounts, long seed) {
        this.random = new Random(seed);
        LocalDate start = LocalDate.ofInstant(START, ZoneOffset.UTC);
        for (int i = 0; i < accounts; i++) {
            double kind = random.nextDouble();
            Segment segment = kind < 0.15 ? Segment.HIGH_TOUCH : kind < 0.5 ? Segment.LOW_TOUCH : Segment.TECH_TOUCH;
            boolean onboarding = random.nextDouble() < 0.08;
            LocalDate startedOn = onboarding ? start.minusDays(random.nextInt(30)) : start.minusDays(60 + random.nextInt(840));
            Stage stage = onboarding ? Stage.ONBOARDING : random.nextDouble() < 0.3 ? Stage.ADOPTION : Stage.VALUE;
            String id = String.format("acct-%05d", i);
            Account account = new Account(id, "Customer " + i, segment, stage, "csm-" + (i % 40) + "@tenure.example",
                    BigDecimal.valueOf(1200L * (1 + random.nextInt(100))), "growth", startedOn,
                    start.plusDays(10 + random.nextInt(355)), "UTC");
            double fate = random.nextDouble();
            int declineDay = Integer.MAX_VALUE;
            int cancelDay = Integer.MAX_VALUE;
            if (fate < 0.065) {
                declineDay = random.nextInt(45);
                // Most decliners cancel two to six weeks later (some after the period); a quarter recover.
                cancelDay = random.nextDouble() < 0.75 ? declineDay + 14 + random.nextInt(30) : Integer.MAX_VALUE;
            } else if (fate < 0.075) {
                cancelDay = random.nextInt(60);
            }
            customers.add(new Customer(account, 40 + random.nextInt(160), 2 + random.nextInt(30), declineDay, cancelDay,
                    random.nextDouble() < 0.4, random.nextInt(30)));
        }
    }

    List<Account> accounts() {
        return customers.stream().map(c -> c.account).toList();
    }

    List<Contact> contacts() {
        List<Contact> contacts = new ArrayList<>();
        for (Customer c : customers) {
            String id = c.account.id();
            contacts.add(new Contact(id, "champion@" + id + ".example", "Champion", ContactRole.CHAMPION, null, true, false));
            contacts.add(new Contact(id, "admin@" + id + ".example", "Admin", ContactRole.ADMIN, null, true, false));
        }
        return contacts;
    }

    /** What every customer did on one day (0 = {@link #START}, negative: before), oldest first, no two at the same moment. */
    List<Signal> day(int day) {
        Instant midnight = START.plus(Duration.ofDays(day));
        List<Signal> signals = new ArrayList<>();
        for (Customer c : customers) {
            if (day > c.cancelDay || LocalDate.ofInstant(midnight, ZoneOffset.UTC).isBefore(c.account.startedOn())) {
                continue;
            }
            if (day == c.cancelDay) {
                signals.add(billing(c, at(midnight), BillingEvent.SUBSCRIPTION_CANCELLED));
                continue;
            }
            usage(c, day, midnight, signals);
            tickets(c, day, midnight, signals);
            invoices(c, day, midnight, signals);
            if (random.nextInt(90) == 0) {
                int score = c.declining(day) ? 1 + random.nextInt(6) : 6 + random.nextInt(5);
                signals.add(new NpsSignal("bench", c.nextId(), c.account.id(), at(midnight), "champion@" + c.account.id() + ".example",
                        score, null));
            }
        }
        signals.sort(Comparator.comparing(Signal::occurredAt));
        return SignalMoments.distinct(signals);
    }

    private void usage(Customer c, int day, Instant midnight, List<Signal> signals) {
        double left = c.declining(day) ? Math.max(0.1, 1 - (day - c.declineDay) * 0.06) : 1.0;
        if (c.goesSilent && c.declining(day) && day - c.declineDay >= 7) {
            return;
        }
        long core = Math.round(c.uses * left * (0.85 + 0.3 * random.nextDouble()));
        int users = (int) Math.max(1, Math.round(c.users * left));
        signals.add(new UsageSignal("bench", c.nextId(), c.account.id(), at(midnight), "core", core, users));
        if (Math.floorMod(day, 2) == 0) {
            signals.add(new UsageSignal("bench", c.nextId(), c.account.id(), at(midnight), "reports", Math.round(core / 5.0), users));
        }
    }

    private void tickets(Customer c, int day, Instant midnight, List<Signal> signals) {
        for (int i = c.openTickets.size() - 1; i >= 0; i--) {
            int[] ticket = c.openTickets.get(i);
            if (ticket[1] == day) {
                signals.add(new TicketSignal("bench", c.nextId(), c.account.id(), at(midnight), "T-" + ticket[0],
                        TicketPriority.values()[ticket[2]], TicketStatus.SOLVED, null));
                c.openTickets.remove(i);
            }
        }
        if (random.nextInt(c.declining(day) ? 8 : 50) == 0) {
            int priority = c.declining(day) ? random.nextInt(3) : random.nextInt(4);
            int number = ++c.sequence;
            c.openTickets.add(new int[]{number, day + 1 + random.nextInt(6), priority});
            signals.add(new TicketSignal("bench", c.nextId(), c.account.id(), at(midnight), "T-" + number,
                    TicketPriority.values()[priority], TicketStatus.OPEN, "Something is not working"));
        }
    }

    private void invoices(Customer c, int day, Instant midnight, List<Signal> signals) {
        int inCycle = Math.floorMod(day - c.invoiceOffset, 30);
        if (inCycle == 0) {
            signals.add(billing(c, at(midnight), BillingEvent.INVOICE_ISSUED));
        } else if (inCycle == 3) {
            boolean fails = random.nextDouble() < (c.declining(day) ? 0.5 : 0.03);
            signals.add(billing(c, at(midnight), fails ? BillingEvent.PAYMENT_FAILED : BillingEvent.INVOICE_PAID));
            c.failedInvoiceDay = fails ? day : -1;
        } else if (c.failedInvoiceDay >= 0 && day == c.failedInvoiceDay + 5) {
            signals.add(billing(c, at(midnight), BillingEvent.INVOICE_PAID));
            c.failedInvoiceDay = -1;
        }
    }

    private BillingSignal billing(Customer c, Instant at, BillingEvent event) {
        return new BillingSignal("bench", c.nextId(), c.account.id(), at, event,
                c.account.arr().divide(BigDecimal.valueOf(12), 2, java.math.RoundingMode.HALF_UP), "USD", "INV-" + c.sequence);
    }

    /** Some moment of the working day, to the millisecond. */
    private Instant at(Instant midnight) {
        return midnight.plusMillis(7 * 3_600_000L + random.nextInt(14 * 3_600_000));
    }
}
