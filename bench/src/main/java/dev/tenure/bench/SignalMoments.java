package dev.tenure.bench;

import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The made-up worlds' signals placed at distinct moments, as a replay cuts them. */
final class SignalMoments {

    private SignalMoments() {
    }

    /** Shifts ties by a millisecond, so a cut at any signal splits the day cleanly. */
    static List<Signal> distinct(List<Signal> sorted) {
        List<Signal> distinct = new ArrayList<>(sorted.size());
        Instant previous = Instant.MIN;
        for (Signal s : sorted) {
            Signal moved = s.occurredAt().isAfter(previous) ? s : at(s, previous.plusMillis(1));
            distinct.add(moved);
            previous = moved.occurredAt();
        }
        return distinct;
    }

    private static Signal at(Signal s, Instant when) {
        if (s instanceof UsageSignal u) {
            return new UsageSignal(u.source(), u.externalId(), u.accountId(), when, u.feature(), u.quantity(), u.activeUsers());
        } else if (s instanceof TicketSignal t) {
            return new TicketSignal(t.source(), t.externalId(), t.accountId(), when, t.ticketId(), t.priority(), t.status(), t.subject());
        } else if (s instanceof BillingSignal b) {
            return new BillingSignal(b.source(), b.externalId(), b.accountId(), when, b.event(), b.amount(), b.currency(), b.invoiceId());
        }
        NpsSignal n = (NpsSignal) s;
        return new NpsSignal(n.source(), n.externalId(), n.accountId(), when, n.contactEmail(), n.score(), n.comment());
    }
}
