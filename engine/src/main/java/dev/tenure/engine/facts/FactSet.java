package dev.tenure.engine.facts;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.CsatAnswers;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Qbr;
import dev.tenure.engine.vocabulary.Renewal;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.Today;
import dev.tenure.engine.vocabulary.UsageTrend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the rules may know about one account at one moment. {@code lastNps} is the latest NPS
 * score, or null when the account never answered; {@code csat} the CSAT answers of the last 90 days, or
 * null without any.
 */
public record FactSet(Today today, Account account, List<Contact> contacts, List<UsageTrend> usage,
                      TicketLoad tickets, BillingStatus billing, Integer lastNps, CsatAnswers csat,
                      List<Milestone> milestones, List<PlayRun> plays, Renewal renewal, Qbr qbr) {

    public Optional<UsageTrend> usage(String feature) {
        return usage.stream().filter(u -> u.feature().equals(feature)).findFirst();
    }

    /** The facts to insert into a session, nulls left out. */
    public List<Object> all() {
        List<Object> facts = new ArrayList<>();
        facts.add(today);
        facts.add(account);
        facts.addAll(contacts);
        facts.addAll(usage);
        facts.add(tickets);
        facts.add(billing);
        facts.addAll(milestones);
        facts.addAll(plays);
        if (csat != null) {
            facts.add(csat);
        }
        if (renewal != null) {
            facts.add(renewal);
        }
        if (qbr != null) {
            facts.add(qbr);
        }
        return facts;
    }
}
