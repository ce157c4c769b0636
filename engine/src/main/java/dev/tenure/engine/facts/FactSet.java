package dev.tenure.engine.facts;

import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Churned;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.CsatAnswers;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Qbr;
import dev.tenure.engine.vocabulary.Renewal;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.Today;
import dev.tenure.engine.vocabulary.UsageTrend;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the rules may know about one account at one moment. {@code lastNps} is the latest NPS
 * score, or null when the account never answered; {@code csat} the CSAT answers of the last 90 days, or
 * null without any; {@code churned} when the account moved into CHURNED, else null.
 */
public record FactSet(Today today, Account account, List<Contact> contacts, List<UsageTrend> usage,
                      TicketLoad tickets, BillingStatus billing, Integer lastNps, CsatAnswers csat,
                      List<Milestone> milestones, List<PlayRun> plays, Renewal renewal, Qbr qbr, Churned churned) {

    /** Facts of an account not known to have moved into CHURNED. */
    public FactSet(Today today, Account account, List<Contact> contacts, List<UsageTrend> usage, TicketLoad tickets,
                   BillingStatus billing, Integer lastNps, CsatAnswers csat, List<Milestone> milestones, List<PlayRun> plays,
                   Renewal renewal, Qbr qbr) {
        this(today, account, contacts, usage, tickets, billing, lastNps, csat, milestones, plays, renewal, qbr, null);
    }

    /**
     * These facts with {@link Churned}, when the account is CHURNED and {@code churnedAt} (its move there) is known:
     * one place for the fact, live and in replays and scenarios.
     */
    public FactSet withChurnedAt(Instant churnedAt) {
        Churned fact = account.stage() != Stage.CHURNED || churnedAt == null ? null
                : new Churned(account.id(), churnedAt, Math.max(0, Duration.between(churnedAt, today.now()).toDays()));
        return new FactSet(today, account, contacts, usage, tickets, billing, lastNps, csat, milestones, plays, renewal, qbr, fact);
    }

    /** Rules see every running play and those started in this many days: enough to look back on. */
    public static final int RECENT_RUN_DAYS = 90;
    /** How far back the last day of use is looked for: an account idle longer than this is idle since it started. */
    public static final int USAGE_LOOKBACK_DAYS = DerivedFacts.LOOKBACK_DAYS;

    /**
     * The moment {@code days} days before {@code now}, where a fact's window ("opened in the last 14 days")
     * begins. Facts count days in UTC, as usage is rolled up by UTC day, live, in scenarios and in backtests
     * alike; in UTC a day is always 24 hours, so the machine's own time zone never moves a window.
     */
    public static Instant daysBefore(Instant now, int days) {
        return Span.ofDays(days).before(now, ZoneOffset.UTC);
    }

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
        if (churned != null) {
            facts.add(churned);
        }
        return facts;
    }
}
