package dev.tenure.engine.scenarios;

import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;

import java.time.Duration;
import java.util.List;

/**
 * Reads the {@code signals:} of a scenario: each line is one of {@code usage:}, {@code ticket:},
 * {@code billing:}, {@code nps:}, {@code csat:} or {@code contact:} (a contact's change) with its fields. Problems are added with their line; a line that
 * cannot be read gives null.
 */
final class SignalLines {

    static final List<String> KINDS = List.of("usage", "ticket", "billing", "nps", "csat", "contact");
    /** A usage range longer than this is a typo, not a scenario. */
    static final int MAX_RANGE_DAYS = 1000;

    private static final List<String> USAGE = List.of("feature", "at", "from", "to", "daily", "quantity", "activeUsers");
    private static final List<String> TICKET = List.of("id", "at", "priority", "status", "subject");
    private static final List<String> BILLING = List.of("at", "event", "amount", "currency");
    private static final List<String> NPS = List.of("at", "score", "comment", "contact");
    private static final List<String> CSAT = List.of("at", "score", "ticket", "contact");
    private static final List<String> CONTACT = List.of("at", "change", "email", "role", "to");

    private SignalLines() {
    }

    static GivenSignal read(String file, int index, YamlNode line, List<ScenarioProblem> problems) {
        String where = "signal " + index;
        if (!line.isMap() || line.fields().size() != 1) {
            problems.add(new ScenarioProblem(file, line.line(), where + ": write one of " + String.join(", ", KINDS)
                    + " followed by its fields, e.g. - usage: { feature: core, from: -35d, to: -8d, daily: 100 }"));
            return null;
        }
        YamlNode.Field kind = line.fields().values().iterator().next();
        if (!KINDS.contains(kind.name())) {
            problems.add(new ScenarioProblem(file, kind.line(), where + ": '" + kind.name() + "' is not a kind of signal ("
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
            case "usage" -> usage(new YamlFields(file, where, kind.value(), USAGE, problems));
            case "ticket" -> ticket(new YamlFields(file, where, kind.value(), TICKET, problems));
            case "billing" -> billing(new YamlFields(file, where, kind.value(), BILLING, problems));
            case "nps" -> nps(new YamlFields(file, where, kind.value(), NPS, problems));
            case "csat" -> csat(new YamlFields(file, where, kind.value(), CSAT, problems));
            default -> contact(new YamlFields(file, where, kind.value(), CONTACT, problems), kind.line());
        };
        return problems.size() > before ? null : signal;
    }

    private static GivenSignal usage(YamlFields f) {
        String feature = f.requiredText("feature");
        Moment at = f.moment("at", false);
        Moment from = f.moment("from", false);
        Moment to = f.moment("to", false);
        int activeUsers = f.whole("activeUsers", 0, Integer.MAX_VALUE, 0L, false).intValue();
        if (f.has("at")) {
            if (f.has("from") || f.has("to") || f.has("daily")) {
                f.fail("at", "give at (one signal) or from, to and daily (one signal a day), not both");
                return null;
            }
            return new GivenSignal.Usage(feature, at, null, null, f.whole("quantity", 0, Long.MAX_VALUE, 1L, false), activeUsers);
        }
        if (!f.has("from") || !f.has("to")) {
            f.fail(f.has("from") ? "to" : "from", "is missing: give at (one signal) or from, to and daily (one signal a day)");
            return null;
        }
        if (f.has("quantity")) {
            f.fail("quantity", "is for a single signal (at); a range takes daily");
        }
        Long daily = f.whole("daily", 0, Long.MAX_VALUE, null, true);
        if (from != null && to != null && (from.absolute() == null) == (to.absolute() == null)) {
            Duration span = from.absolute() == null ? to.offset().minus(from.offset())
                    : Duration.between(from.absolute(), to.absolute());
            if (span.isNegative()) {
                f.fail("from", "is after to");
            } else if (span.toDays() > MAX_RANGE_DAYS) {
                f.fail("from", "the range is longer than " + MAX_RANGE_DAYS + " days");
            }
        }
        return new GivenSignal.Usage(feature, null, from, to, daily == null ? 0 : daily, activeUsers);
    }

    private static GivenSignal ticket(YamlFields f) {
        return new GivenSignal.Ticket(f.text("id"), f.moment("at", true),
                f.enumValue("priority", TicketPriority.class, null, true),
                f.enumValue("status", TicketStatus.class, TicketStatus.OPEN, false), f.text("subject"));
    }

    private static GivenSignal billing(YamlFields f) {
        return new GivenSignal.Billing(f.moment("at", true), f.enumValue("event", BillingEvent.class, null, true),
                f.number("amount"), f.text("currency") == null ? "USD" : f.text("currency"));
    }

    private static GivenSignal nps(YamlFields f) {
        Long score = f.whole("score", 0, 10, null, true);
        return new GivenSignal.Nps(f.moment("at", true), score == null ? 0 : score.intValue(), f.text("comment"),
                f.text("contact"));
    }

    private static GivenSignal contact(YamlFields f, int line) {
        Moment at = f.moment("at", true);
        ContactChange change = f.enumValue("change", ContactChange.class, null, true);
        String email = f.text("email");
        ContactRole role = f.enumValue("role", ContactRole.class, null, false);
        ContactRole to = f.enumValue("to", ContactRole.class, null, change == ContactChange.ROLE_CHANGED);
        if (change == ContactChange.ADDED && role == null && !f.has("role")) {
            f.fail("role", "is missing: an added contact needs its role");
        } else if (change != null && change != ContactChange.ADDED && email == null && role == null && !f.has("role")) {
            f.fail("email", "is missing: say whose change it is with email, or role (the first contact with that role)");
        }
        if (change != null && change != ContactChange.ROLE_CHANGED && f.has("to")) {
            f.fail("to", "is the new role of a ROLE_CHANGED; a " + change + " has none");
        }
        return new GivenSignal.ContactLine(at, change, email, role, to, line);
    }

    private static GivenSignal csat(YamlFields f) {
        Long score = f.whole("score", 1, 5, null, true);
        return new GivenSignal.Csat(f.moment("at", true), score == null ? 0 : score.intValue(), f.text("ticket"),
                f.text("contact"));
    }
}
