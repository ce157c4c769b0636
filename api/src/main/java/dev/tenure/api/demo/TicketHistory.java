package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static dev.tenure.api.demo.DemoAccounts.between;

/**
 * Support tickets as a help desk reports them: a signal when a ticket is opened and one for each later
 * status. Steady accounts open a few P3/P4 questions that get solved, and now and then a P2 that is
 * long solved; only the ticket and renewal stories have urgent tickets that matter now.
 */
final class TicketHistory {

    /** Steady accounts open no P1/P2 this recently, so "2 urgent tickets in 14 days" stays quiet with a margin. */
    static final int QUIET_URGENT_DAYS = 16;

    private static final List<String> QUESTIONS = List.of("How do I add a custom field to a report?",
            "CSV import skips rows with accented names", "Can we change the owner of a workspace?",
            "Where do I find last quarter's export?", "Invite email went to spam", "Timezone wrong on scheduled report",
            "Request: more than 10 saved filters", "How do we set up SAML for a second domain?",
            "Dashboard widget shows an old logo", "Typo in the invoice template");
    private static final List<String> URGENT = List.of("Scheduled exports failing with a timeout",
            "Webhook deliveries delayed by several hours", "Users cannot reset their password");

    private record Ticket(TicketPriority priority, String subject, LocalDate openedOn, TicketStatus status,
                          LocalDate settledOn) {
    }

    private final long seed;

    TicketHistory(long seed) {
        this.seed = seed;
    }

    List<TicketSignal> of(DemoAccount account, LocalDate today) {
        Random random = account.random(seed, "tickets");
        List<Ticket> tickets = new ArrayList<>();
        int everyday = everydayTickets(account, random);
        for (int i = 0; i < everyday; i++) {
            tickets.add(everyday(account, today, random));
        }
        tickets.addAll(storyTickets(account, today));
        // The help desk numbers tickets in the order they come in.
        tickets.sort(Comparator.comparing(Ticket::openedOn));
        int number = between(random, 1_000, 8_999);

        List<TicketSignal> signals = new ArrayList<>();
        for (Ticket t : tickets) {
            String id = "T-" + number++;
            signals.add(signal(account, id, t, "opened", TicketStatus.OPEN, t.openedOn(), 9));
            if (t.status() != TicketStatus.OPEN) {
                signals.add(signal(account, id, t, t.status().name().toLowerCase(), t.status(), t.settledOn(), 15));
            }
        }
        return signals;
    }

    private static int everydayTickets(DemoAccount account, Random random) {
        if (account.story() == Story.ONBOARDING_STALLED) {
            return 0; // nobody there to ask anything; its one ticket is part of its story
        }
        return switch (account.account().segment()) {
            case HIGH_TOUCH -> between(random, 4, 8);
            case LOW_TOUCH -> between(random, 2, 5);
            case TECH_TOUCH -> between(random, 0, 2);
        };
    }

    /** A how-to question or small bug, answered within days; the last few days' ones may still be open. */
    private static Ticket everyday(DemoAccount account, LocalDate today, Random random) {
        LocalDate start = account.historyStart(today);
        LocalDate openedOn = start.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(start, today)));
        long daysAgo = ChronoUnit.DAYS.between(openedOn, today);
        double p = random.nextDouble();
        TicketPriority priority = p < 0.12 && daysAgo >= QUIET_URGENT_DAYS ? TicketPriority.P2
                : p < 0.7 ? TicketPriority.P3 : TicketPriority.P4;
        String subject = priority == TicketPriority.P2 ? URGENT.get(random.nextInt(URGENT.size()))
                : QUESTIONS.get(random.nextInt(QUESTIONS.size()));
        LocalDate solvedOn = openedOn.plusDays(between(random, 1, priority == TicketPriority.P2 ? 3 : 8));
        if (solvedOn.isBefore(today)) {
            return new Ticket(priority, subject, openedOn, TicketStatus.SOLVED, solvedOn);
        }
        // Still being worked on: waiting for the customer's answer if it has been open a day already.
        return openedOn.isBefore(today.minusDays(1))
                ? new Ticket(priority, subject, openedOn, TicketStatus.PENDING, openedOn.plusDays(1))
                : new Ticket(priority, subject, openedOn, TicketStatus.OPEN, null);
    }

    private static List<Ticket> storyTickets(DemoAccount account, LocalDate today) {
        return switch (account.story()) {
            // Three urgent tickets in nine days: something broke and the customer is escalating.
            case HIGH_PRIORITY_TICKETS -> List.of(
                    new Ticket(TicketPriority.P2, "SSO login loop for users in the EU office",
                            today.minusDays(9), TicketStatus.SOLVED, today.minusDays(7)),
                    new Ticket(TicketPriority.P2, "Scheduled exports failing with a timeout",
                            today.minusDays(5), TicketStatus.PENDING, today.minusDays(4)),
                    new Ticket(TicketPriority.P1, "Dashboards empty since the data sync stopped",
                            today.minusDays(2), TicketStatus.OPEN, null));
            // Old urgent tickets nobody closed: they weigh on health without counting as a new spike.
            case RENEWAL_RISK -> List.of(
                    new Ticket(TicketPriority.P2, "Salesforce sync drops closed-won deals",
                            today.minusDays(26), TicketStatus.PENDING, today.minusDays(24)),
                    new Ticket(TicketPriority.P1, "Reports time out for the whole finance team",
                            today.minusDays(21), TicketStatus.OPEN, null),
                    new Ticket(TicketPriority.P3, "Second request: export the audit log",
                            today.minusDays(11), TicketStatus.OPEN, null));
            // Asked on its second day why nobody received the invitations: a hint at why it stalled.
            case ONBOARDING_STALLED -> {
                LocalDate asked = account.account().startedOn().plusDays(1);
                yield List.of(new Ticket(TicketPriority.P3, "Invite email went to spam", asked,
                        TicketStatus.SOLVED, asked.plusDays(1)));
            }
            default -> List.of();
        };
    }

    private static TicketSignal signal(DemoAccount account, String id, Ticket t, String what, TicketStatus status,
                                       LocalDate day, int hour) {
        return new TicketSignal("demo", account.signalId("ticket", id, what), account.id(),
                DemoAccount.at(day, hour, 30), id, t.priority(), status, t.subject());
    }
}
