package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A satisfaction survey after each solved ticket, answered the next day by one of the account's contacts
 * (when that day is already past): mostly 4s and 5s, less so where tickets pile up or the champion is
 * unhappy.
 */
final class CsatHistory {

    private final long seed;

    CsatHistory(long seed) {
        this.seed = seed;
    }

    List<CsatSignal> of(DemoAccount account, List<Contact> contacts, List<TicketSignal> tickets, LocalDate today) {
        Random random = account.random(seed, "csat");
        Instant cutoff = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean unhappy = account.story() == Story.HIGH_PRIORITY_TICKETS || account.story() == Story.DETRACTOR
                || account.story() == Story.RENEWAL_RISK;
        Set<String> answered = new LinkedHashSet<>();
        List<CsatSignal> answers = new ArrayList<>();
        for (TicketSignal t : tickets) {
            if (t.status() != TicketStatus.SOLVED || !answered.add(t.ticketId())) {
                continue;
            }
            Instant at = t.occurredAt().plus(1, ChronoUnit.DAYS);
            if (!at.isBefore(cutoff)) {
                continue;
            }
            Contact who = contacts.get(random.nextInt(contacts.size()));
            int roll = random.nextInt(100);
            int score = unhappy ? (roll < 40 ? 2 : roll < 70 ? 3 : 4) : (roll < 55 ? 5 : roll < 85 ? 4 : roll < 95 ? 3 : 2);
            answers.add(new CsatSignal("demo", account.signalId("csat", t.ticketId()), account.id(), at, who.email(),
                    score, t.ticketId()));
        }
        return answers;
    }
}
