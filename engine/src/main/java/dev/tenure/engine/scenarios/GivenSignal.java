package dev.tenure.engine.scenarios;

import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;
import dev.tenure.engine.vocabulary.UsageSignal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A signal line of a scenario. It becomes one or more signals (a usage range gives one per day), each
 * with an external id unique in the scenario; {@code position} is the line's place in the list.
 */
public sealed interface GivenSignal {

    String SOURCE = "scenario";

    List<Signal> signals(String accountId, int position, Instant now);

    /** {@code quantity} uses at {@code at}, or every day from {@code from} to {@code to} inclusive. */
    record Usage(String feature, Moment at, Moment from, Moment to, long quantity, int activeUsers) implements GivenSignal {

        @Override
        public List<Signal> signals(String accountId, int position, Instant now) {
            List<Signal> signals = new ArrayList<>();
            Instant first = at != null ? at.at(now) : from.at(now);
            Instant last = at != null ? first : to.at(now);
            int day = 0;
            for (Instant t = first; !t.isAfter(last); t = t.plus(Duration.ofDays(1))) {
                signals.add(new UsageSignal(SOURCE, "usage-" + position + "-" + day++, accountId, t, feature, quantity,
                        activeUsers));
            }
            return signals;
        }
    }

    /** A ticket opened or updated; lines with the same {@code ticketId} are updates of one ticket. */
    record Ticket(String ticketId, Moment at, TicketPriority priority, TicketStatus status, String subject)
            implements GivenSignal {

        @Override
        public List<Signal> signals(String accountId, int position, Instant now) {
            String id = ticketId != null ? ticketId : "T-" + position;
            return List.of(new TicketSignal(SOURCE, "ticket-" + position, accountId, at.at(now), id, priority, status, subject));
        }
    }

    record Billing(Moment at, BillingEvent event, BigDecimal amount, String currency) implements GivenSignal {

        @Override
        public List<Signal> signals(String accountId, int position, Instant now) {
            return List.of(new BillingSignal(SOURCE, "billing-" + position, accountId, at.at(now), event, amount, currency,
                    "INV-" + position));
        }
    }

    record Nps(Moment at, int score, String comment, String contactEmail) implements GivenSignal {

        @Override
        public List<Signal> signals(String accountId, int position, Instant now) {
            return List.of(new NpsSignal(SOURCE, "nps-" + position, accountId, at.at(now), contactEmail, score, comment));
        }
    }

    /**
     * A change to a contact: the one with {@code email}, else the first with {@code role} (for {@code ADDED}: a
     * new contact with {@code role}, at {@code email} or {@code <role>@<account>.test}); {@code to} is the new
     * role of a {@code ROLE_CHANGED}. The signal made here names the contact as the line does; the runner
     * completes it from the scenario's contacts as they are at that moment ({@code ScenarioRunner}).
     */
    record ContactLine(Moment at, ContactChange change, String email, ContactRole role, ContactRole to, int line)
            implements GivenSignal {

        @Override
        public List<Signal> signals(String accountId, int position, Instant now) {
            return List.of(new ContactSignal(SOURCE, "contact-" + position, accountId, at.at(now), email, role, change, null,
                    to == null ? null : to.name(), true, false));
        }
    }

    /** A CSAT answer (1–5), about {@code ticketId} when given. */
    record Csat(Moment at, int score, String ticketId, String contactEmail) implements GivenSignal {

        @Override
        public List<Signal> signals(String accountId, int position, Instant now) {
            return List.of(new CsatSignal(SOURCE, "csat-" + position, accountId, at.at(now), contactEmail, score, ticketId));
        }
    }
}
