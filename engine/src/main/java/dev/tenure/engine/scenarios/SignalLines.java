package dev.tenure.engine.scenarios;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;
import dev.tenure.engine.vocabulary.UsageSignal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads the {@code signals:} of a scenario: each line is one of {@code usage:}, {@code ticket:},
 * {@code billing:}, {@code nps:}, {@code csat:} or {@code contact:} (a contact's change) with its fields. Problems are added with their line; a line that
 * cannot be read gives null.
 */
final class SignalLines {

    static final List<String> KINDS = List.of("usage", "ticket", "billing", "nps", "csat", "contact");
    /**
     * The longest usage range, in days: what the facts read back of an account's use. A longer range gives
     * signals no fact looks at, and one signal a day of a range written to span centuries would stall the run.
     */
    static final int MAX_RANGE_DAYS = FactSet.USAGE_LOOKBACK_DAYS;
    /**
     * The most signals one scenario's lines make (a usage range makes one a day): years of one account, many
     * more than a rule needs to be shown firing, and few enough that a file of ranges cannot fill the memory.
     */
    static final int MAX_SIGNALS = 10_000;
    /**
     * The most signals the scenarios of one file make together: each scenario's are made when it runs, so a posted file
     * of hundreds of scenarios of many signals each would hold millions at once.
     */
    static final int MAX_FILE_SIGNALS = 100_000;

    private static final List<String> USAGE = List.of("feature", "at", "from", "to", "daily", "quantity", "activeUsers");
    private static final List<String> TICKET = List.of("id", "at", "priority", "status", "subject");
    private static final List<String> BILLING = List.of("at", "event", "amount", "currency");
    private static final List<String> NPS = List.of("at", "score", "comment", "contact");
    private static final List<String> CSAT = List.of("at", "score", "ticket", "contact");
    private static final List<String> CONTACT = List.of("at", "change", "email", "role", "to");

    private SignalLines() {
    }

    /** One line; {@code now} is the scenario's own, or null when it runs at the current time. */
    static GivenSignal read(String file, int index, YamlNode line, Instant now, List<ScenarioProblem> problems) {
        String where = "signal " + index;
        if (!line.isMap() || line.fields().size() != 1) {
            problems.add(new ScenarioProblem(file, line.line(), where + ": write one of " + String.join(", ", KINDS)
                    + " followed by its fields, e.g. - usage: { feature: core, from: -35d, to: -8d, daily: 100 }"));
            return null;
        }
        YamlNode.Field kind = line.fields().values().iterator().next();
        if (!KINDS.contains(kind.name())) {
            problems.add(new ScenarioProblem(file, kind.line(), where + ": '" + YamlFields.shown(kind.name()) + "' is not a kind of signal ("
                    + String.join(", ", KINDS) + ")"));
            return null;
        }
        where = where + " (" + kind.name() + ")";
        if (!kind.value().isMap()) {
            problems.add(new ScenarioProblem(file, kind.line(), where + ": its fields are missing"));
            return null;
        }
        int before = problems.size();
        GivenSignal signal = switch (kind.name()) {
            case "usage" -> usage(new YamlFields(file, where, kind.value(), USAGE, problems), now);
            case "ticket" -> ticket(new YamlFields(file, where, kind.value(), TICKET, problems));
            case "billing" -> billing(new YamlFields(file, where, kind.value(), BILLING, problems));
            case "nps" -> nps(new YamlFields(file, where, kind.value(), NPS, problems));
            case "csat" -> csat(new YamlFields(file, where, kind.value(), CSAT, problems));
            default -> contact(new YamlFields(file, where, kind.value(), CONTACT, problems), kind.line());
        };
        return problems.size() > before ? null : signal;
    }

    private static GivenSignal usage(YamlFields f, Instant now) {
        String feature = f.requiredText("feature", UsageSignal.class, "feature");
        Moment at = f.moment("at", false);
        Moment from = f.moment("from", false);
        Moment to = f.moment("to", false);
        int activeUsers = f.whole("activeUsers", 0, RecordBounds.MAX_ACTIVE_USERS, 0L, false).intValue();
        if (f.has("at")) {
            if (f.has("from") || f.has("to") || f.has("daily")) {
                f.fail("at", "give at (one signal) or from, to and daily (one signal a day), not both");
                return null;
            }
            return new GivenSignal.Usage(feature, at, null, null, f.whole("quantity", 0, RecordBounds.MAX_QUANTITY, 1L, false),
                    activeUsers);
        }
        if (!f.has("from") || !f.has("to")) {
            f.fail(f.has("from") ? "to" : "from", "is missing: give at (one signal) or from, to and daily (one signal a day)");
            return null;
        }
        if (f.has("quantity")) {
            f.fail("quantity", "is for a single signal (at); a range takes daily");
        }
        Long daily = f.whole("daily", 0, RecordBounds.MAX_QUANTITY, null, true);
        if (from != null && to != null) {
            Duration span = span(from, to, now);
            if (span == null) {
                f.fail("from", "and to are one a date, one relative to now: give the scenario a now, or write both the"
                        + " same way, so the range has one length whatever the day it runs");
            } else if (span.isNegative()) {
                f.fail("from", "is after to");
            } else if (span.toDays() > MAX_RANGE_DAYS) {
                f.fail("from", "the range is " + span.toDays() + " days long; at most " + MAX_RANGE_DAYS
                        + " (the days of use facts read back)");
            }
        }
        return new GivenSignal.Usage(feature, null, from, to, daily == null ? 0 : daily, activeUsers);
    }

    /** From {@code from} to {@code to}; null when one is a date and the other relative to a now not given. */
    private static Duration span(Moment from, Moment to, Instant now) {
        if ((from.absolute() == null) == (to.absolute() == null)) {
            return from.absolute() == null ? to.offset().minus(from.offset()) : Duration.between(from.absolute(), to.absolute());
        }
        return now == null ? null : Duration.between(from.at(now), to.at(now));
    }

    /**
     * Refuses a scenario whose lines make more than {@link #MAX_SIGNALS} signals, at its {@code signals:}. Lines that
     * did not read are not there to count; the usage ranges that did have a length {@link #span} knows.
     */
    static long checkCount(YamlFields scenario, List<GivenSignal> signals, Instant now) {
        long count = 0;
        for (GivenSignal s : signals) {
            count += s instanceof GivenSignal.Usage u && u.at() == null ? span(u.from(), u.to(), now).toDays() + 1 : 1;
        }
        if (count > MAX_SIGNALS) {
            scenario.fail("signals", "make " + count + " signals; at most " + MAX_SIGNALS + " (a usage range makes one a day)");
        }
        return count;
    }

    private static GivenSignal ticket(YamlFields f) {
        return new GivenSignal.Ticket(f.text("id", TicketSignal.class, "ticketId"), f.moment("at", true),
                f.enumValue("priority", TicketPriority.class, null, true),
                f.enumValue("status", TicketStatus.class, TicketStatus.OPEN, false), f.text("subject", TicketSignal.class, "subject"));
    }

    private static GivenSignal billing(YamlFields f) {
        String currency = f.text("currency", BillingSignal.class, "currency");
        return new GivenSignal.Billing(f.moment("at", true), f.enumValue("event", BillingEvent.class, null, true),
                f.amount("amount"), currency == null ? "USD" : currency);
    }

    private static GivenSignal nps(YamlFields f) {
        Long score = f.whole("score", RecordBounds.MIN_NPS, RecordBounds.MAX_NPS, null, true);
        return new GivenSignal.Nps(f.moment("at", true), score == null ? 0 : score.intValue(),
                f.text("comment", NpsSignal.class, "comment"), f.text("contact", NpsSignal.class, "contactEmail"));
    }

    private static GivenSignal contact(YamlFields f, int line) {
        Moment at = f.moment("at", true);
        ContactChange change = f.enumValue("change", ContactChange.class, null, true);
        String email = f.text("email", Contact.class, "email");
        ContactRole role = f.enumValue("role", ContactRole.class, null, false);
        ContactRole to = f.enumValue("to", ContactRole.class, null, change == ContactChange.ROLE_CHANGED);
        if (change == ContactChange.ADDED && role == null && !f.has("role")) {
            f.fail("role", "is missing: an added contact needs its role");
        } else if (change != null && change != ContactChange.ADDED && f.text("email") == null && role == null && !f.has("role")) {
            f.fail("email", "is missing: say whose change it is with email, or role (the first contact with that role)");
        }
        if (change != null && change != ContactChange.ROLE_CHANGED && f.has("to")) {
            f.fail("to", "is the new role of a ROLE_CHANGED; a " + change + " has none");
        }
        return new GivenSignal.ContactLine(at, change, email, role, to, line);
    }

    private static GivenSignal csat(YamlFields f) {
        Long score = f.whole("score", RecordBounds.MIN_CSAT, RecordBounds.MAX_CSAT, null, true);
        return new GivenSignal.Csat(f.moment("at", true), score == null ? 0 : score.intValue(),
                f.text("ticket", CsatSignal.class, "ticketId"), f.text("contact", CsatSignal.class, "contactEmail"));
    }
}
