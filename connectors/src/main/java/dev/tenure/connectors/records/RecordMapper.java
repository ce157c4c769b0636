package dev.tenure.connectors.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Turns one source record (a JSON object; a CSV row arrives as an object of strings keyed by its
 * header) into the vocabulary record the engine takes. The field names are the same for every channel,
 * so a sender can switch from files to webhooks without renaming anything.
 */
@Component
public class RecordMapper {

    private final RespondentAccounts respondents;
    private final KnownTickets tickets;
    private final Clock clock;
    /** Whether the clock is the real one: without, no ticket row is refused for a time after it was written. */
    private final boolean timed;

    @Autowired
    public RecordMapper(RespondentAccounts respondents, KnownTickets tickets, Clock clock) {
        this(respondents, tickets, clock, true);
    }

    private RecordMapper(RespondentAccounts respondents, KnownTickets tickets, Clock clock, boolean timed) {
        this.respondents = respondents;
        this.tickets = tickets;
        this.clock = clock;
        this.timed = timed;
    }

    /**
     * Without a ticket store: every ticket row is the first news of its ticket. Nor a clock: a ticket row open again
     * after its solve with no time of its own for it is dated by the solve (its export's time is never taken as later),
     * and no row is refused for a time after it was written, so nothing this mapper makes depends on when it runs
     * (checking a mapping's constants, tests).
     */
    public RecordMapper(RespondentAccounts respondents) {
        this(respondents, KnownTickets.NONE, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), false);
    }

    /** Without a contact directory: an NPS answer must then name its account. */
    public RecordMapper() {
        this(RespondentAccounts.NONE);
    }

    /**
     * @param label         names the record in errors: "usage[3] (event e-9)", "usage.csv line 12"
     * @param channelSource the signal's source when the record names none: "webhook", "file"
     */
    public Mapping map(RecordKind kind, String label, JsonNode record, String channelSource) {
        return map(kind, label, record, channelSource, null);
    }

    /**
     * As {@link #map(RecordKind, String, JsonNode, String)}, for a record of an export written at {@code writtenAt}
     * (a file's last change): what the record says was so then, which is when a ticket row open again after its solve
     * was seen open if the row has no time for it. Null, or a time ahead of now: now.
     */
    public Mapping map(RecordKind kind, String label, JsonNode record, String channelSource, Instant writtenAt) {
        if (record == null || !record.isObject()) {
            return Mapping.invalid(List.of(new RecordError(label, "record", "not a JSON object")));
        }
        Instant now = clock.instant();
        return map(kind, new Fields(label, record), channelSource, writtenAt == null || writtenAt.isAfter(now) ? now : writtenAt);
    }

    private Mapping map(RecordKind kind, Fields f, String channelSource, Instant seenAt) {
        return switch (kind) {
            case ACCOUNTS -> account(f);
            case CONTACTS -> contact(f);
            case USAGE -> usage(f, signalSource(f, channelSource));
            case TICKETS -> ticket(f, signalSource(f, channelSource), seenAt);
            case BILLING -> billing(f, signalSource(f, channelSource));
            case NPS -> nps(f, signalSource(f, channelSource));
            case CSAT -> csat(f, signalSource(f, channelSource));
        };
    }

    /**
     * What is wrong with giving every record of this kind this value for this field (a constant in a
     * mapping), or null when nothing is: the field must be one the kind has, and the value one it takes,
     * within the bounds the intake holds every stored record to ({@link RecordBounds}), or every record
     * would be refused for it.
     */
    String constantProblem(RecordKind kind, String field, String value) {
        if (identifying(kind).contains(field)) {
            return "'" + field + "' tells one " + kind.label() + " record from another: as a constant, every record after"
                    + " the first would be taken for the same one and not stored; map it to a column";
        }
        String notAField = fieldProblem(kind, field);
        if (notAField != null) {
            return notAField;
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode().put(field, value);
        Fields f = new Fields(kind.label(), record);
        map(kind, f, "constant", clock.instant());
        String problem = f.valueProblem(field);
        return problem != null ? problem : RecordBounds.textProblem(kind.recordType(), field, value);
    }

    /**
     * What is wrong with a mapping naming this field for records of this kind, or null: it must be one of theirs, or
     * the column mapped to it would be renamed to a field nobody reads, and dropped from every record without a word.
     */
    String fieldProblem(RecordKind kind, String field) {
        Set<String> fields = fields(kind);
        return fields.contains(field) ? null
                : "'" + field + "' is not a field of " + kind.label() + " records; they have " + String.join(", ", fields);
    }

    /** The fields records of this kind are read by, in name order: those of every shape of the kind. */
    Set<String> fields(RecordKind kind) {
        Set<String> fields = new TreeSet<>();
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        // Each shape of a kind reads its own fields: a ticket event, and a ticket row (one with openedAt).
        ObjectNode row = JsonNodeFactory.instance.objectNode().put("openedAt", "2026-01-01");
        for (ObjectNode shape : kind == RecordKind.TICKETS ? List.of(event, row) : List.of(event)) {
            Fields f = new Fields(kind.label(), shape);
            map(kind, f, "constant", clock.instant());
            fields.addAll(f.read());
        }
        return fields;
    }

    /**
     * The fields that tell one record of a kind from another: what is stored once per value, so no constant. The one
     * list of them. An NPS or CSAT answer's contactEmail is not one: the answer is told apart by its event id, and a
     * respondent may give many.
     */
    private static Set<String> identifying(RecordKind kind) {
        return switch (kind) {
            case ACCOUNTS -> Set.of("id");
            case CONTACTS -> Set.of("email");
            case TICKETS -> Set.of("eventId", "ticketId");
            case USAGE, BILLING, NPS, CSAT -> Set.of("eventId");
        };
    }

    /** The event id of a record, if it has one, so a label can say which event went wrong (the start of a long one). */
    public static String eventId(JsonNode record) {
        JsonNode id = record == null ? null : record.get("eventId");
        return id == null || id.isNull() || id.isContainerNode() || id.asText().isBlank() ? null
                : RecordBounds.shown(id.asText().trim());
    }

    private Mapping account(Fields f) {
        String id = f.requiredText("id");
        String name = f.requiredText("name");
        Segment segment = f.requiredEnum("segment", Segment.class);
        // Null when the record has none: a new account starts ONBOARDING, a stored one keeps its stage.
        Stage stage = f.enumOr("stage", Stage.class, null);
        String csm = f.email("csm", false);
        BigDecimal arr = f.amount("arr");
        String plan = f.text("plan");
        LocalDate startedOn = f.date("startedOn");
        LocalDate renewalOn = f.date("renewalOn");
        String timezone = f.timezone("timezone");
        return result(f, () -> new Account(id, name, segment, stage, csm, arr, plan, startedOn, renewalOn, timezone));
    }

    private Mapping contact(Fields f) {
        String accountId = f.requiredText("accountId");
        String email = f.email("email", true);
        String name = f.text("name");
        ContactRole role = f.requiredEnum("role", ContactRole.class);
        String timezone = f.timezone("timezone");
        boolean active = f.bool("active", true);
        boolean unsubscribed = f.bool("unsubscribed", false);
        return result(f, () -> new Contact(accountId, email, name, role, timezone, active, unsubscribed));
    }

    private Mapping usage(Fields f, String source) {
        String eventId = f.requiredText("eventId");
        String accountId = f.requiredText("accountId");
        Instant occurredAt = f.requiredInstant("occurredAt");
        String feature = f.requiredText("feature");
        Long quantity = f.integer("quantity", 0, RecordBounds.MAX_QUANTITY, 1L);
        Long activeUsers = f.integer("activeUsers", 0, RecordBounds.MAX_ACTIVE_USERS, 0L);
        return result(f, () -> new UsageSignal(source, eventId, accountId, occurredAt, feature, quantity,
                activeUsers.intValue()));
    }

    private Mapping ticket(Fields f, String source, Instant seenAt) {
        // Read both always, so either is known as a ticket field even on a record of the other shape.
        boolean row = f.text("openedAt") != null | f.text("solvedAt") != null;
        if (row) {
            return ticketRow(f, source, seenAt);
        }
        String eventId = f.requiredText("eventId");
        String accountId = f.requiredText("accountId");
        Instant occurredAt = f.requiredInstant("occurredAt");
        String ticketId = f.requiredText("ticketId");
        TicketPriority priority = f.requiredEnum("priority", TicketPriority.class);
        TicketStatus status = f.requiredEnum("status", TicketStatus.class);
        String subject = f.text("subject");
        // The ticket's status is its latest change as stored: one dated ahead (a mistyped year) would stand until then,
        // and no real change before that time (the next solve) could close or reopen the ticket, as for a row's times.
        if (timed) {
            refuseAhead(f, "occurredAt", occurredAt, clock.instant());
        }
        return result(f, () -> new TicketSignal(source, eventId, accountId, occurredAt, ticketId, priority, status,
                subject));
    }

    /**
     * A help desk export of one row per ticket ({@code ticketId, openedAt, solvedAt, updatedAt, priority, status}) says
     * how the ticket is now; its signals are what is new in that. Always the ticket's opened signal; its solved signal
     * once {@code solvedAt} is set; and, when the row is open (status {@code OPEN}/{@code PENDING}, or none without
     * {@code solvedAt}) after a solve, a reopened signal, so the ticket counts as open again. The solve it follows is
     * the row's own {@code solvedAt} (help desks such as Zendesk keep it on a reopened ticket), else the solve stored
     * ({@link KnownTickets}). A row with no time for the reopen is dated by its {@code updatedAt} (never later than
     * when the export was written), else by when the export was written ({@code seenAt}); one older than the solve it would follow is an earlier export read again,
     * and reopens nothing.
     * <p>
     * The event ids come from the account, the ticket and what happened ({@code acme:T-7:opened},
     * {@code acme:T-7:solved}), so the same ticket in the next day's export stores only what is new, and two help
     * desks' ticket 7 stay apart. A reopen is named by the solve it follows ({@code acme:T-7:reopened:<solvedAt>}), and
     * a solve after the first by its time ({@code acme:T-7:solved:<solvedAt>}): the same row read again, whenever,
     * makes the same ids, so it stores nothing twice.
     */
    private Mapping ticketRow(Fields f, String source, Instant seenAt) {
        String accountId = f.requiredText("accountId");
        String ticketId = f.requiredText("ticketId");
        Instant openedAt = f.requiredInstant("openedAt");
        Instant solvedAt = f.text("solvedAt") == null ? null : f.requiredInstant("solvedAt");
        Instant updatedAt = f.text("updatedAt") == null ? null : f.requiredInstant("updatedAt");
        TicketPriority priority = f.requiredEnum("priority", TicketPriority.class);
        TicketStatus status = f.enumOr("status", TicketStatus.class, null);
        String subject = f.text("subject");
        if (status != null && !status.open() && solvedAt == null && !f.failed("solvedAt")) {
            f.refuse("solvedAt", "missing; a " + status + " ticket needs the time it was solved");
        } else if (openedAt != null && solvedAt != null && solvedAt.isBefore(openedAt)) {
            f.refuse("solvedAt", "'" + solvedAt + "' is before openedAt '" + openedAt + "'");
        }
        if (openedAt != null && updatedAt != null && updatedAt.isBefore(openedAt)) {
            f.refuse("updatedAt", "'" + updatedAt + "' is before openedAt '" + openedAt + "'");
        }
        // Refused rather than taken as now, as updatedAt is taken as seenAt: the signals' times and ids are these, so a
        // row read again at another time would make other ids. A solve dated ahead would be the ticket's latest change
        // until then (a reopen follows it), so no real solve before that time could close the ticket again. Held to now
        // rather than to the export's time: a file's last change is stamped by the clock of whichever machine wrote
        // it, which may run behind ours, and a good row refused for that would be lost to a dead letter.
        if (timed) {
            Instant now = clock.instant();
            refuseAhead(f, "openedAt", openedAt, now);
            refuseAhead(f, "solvedAt", solvedAt, now);
        }
        // The event ids are made of both: said here, of the fields the row has, rather than of an eventId it lacks.
        if (accountId != null && ticketId != null
                && (accountId + ":" + ticketId + ":opened").length() > RecordBounds.ID_LENGTH) {
            f.refuse("ticketId", "with accountId, longer than the " + RecordBounds.ID_LENGTH
                    + " characters an event id may have");
        }
        if (!f.errors().isEmpty()) {
            return Mapping.invalid(f.errors());
        }
        // An open status with a solvedAt is a ticket reopened after that solve, not a contradiction.
        boolean open = status != null ? status.open() : solvedAt == null;
        TicketStatus openStatus = status != null && status.open() ? status : TicketStatus.OPEN;
        // The row cannot have changed after its export was written: a later updatedAt (a mistyped year) would date the
        // reopen ahead, as the ticket's latest change, and no solve before that time could close it again.
        Instant changedAt = RecordBounds.knownBy(updatedAt, seenAt) ? updatedAt : seenAt;
        String ticket = accountId + ":" + ticketId;
        KnownTickets.Known known = tickets.of(source, accountId, ticketId, ticket + ":solved");
        List<Object> signals = new ArrayList<>();
        signals.add(new TicketSignal(source, ticket + ":opened", accountId, openedAt, ticketId, priority, openStatus, subject));
        Instant reopens = null;
        Instant reopenedAt = null;
        if (solvedAt != null) {
            // The first solve keeps the id it always had, so exports read before a reopen match what they stored.
            String id = known.firstSolvedAt() == null || known.firstSolvedAt().equals(solvedAt) ? ticket + ":solved"
                    : ticket + ":solved:" + solvedAt;
            signals.add(new TicketSignal(source, id, accountId, solvedAt, ticketId, priority,
                    status == null || status.open() ? TicketStatus.SOLVED : status, subject));
            if (open) {
                reopens = solvedAt;
                // Certainly reopened after solvedAt; the time is the best the row tells, at least the solve's own
                // (same moment, received later: the ticket is open).
                reopenedAt = Stream.of(changedAt, seenAt).filter(t -> t != null && t.isAfter(solvedAt)).findFirst().orElse(solvedAt);
            }
        } else if (open && known.solvedAt() != null) {
            reopens = known.solvedAt();
            // The row's updatedAt says when it was as it is; without one, the export's time. Not after the solve: the
            // row is from before it (an earlier export read again), and reopens nothing.
            Instant asOf = changedAt != null ? changedAt : seenAt;
            reopenedAt = asOf.isAfter(reopens) ? asOf : null;
        }
        if (reopenedAt != null) {
            signals.add(new TicketSignal(source, ticket + ":reopened:" + reopens, accountId, reopenedAt, ticketId, priority,
                    openStatus, subject));
        }
        // A later solve's or a reopen's id is longer than the opened one's checked above.
        if (signals.stream().anyMatch(signal -> ((TicketSignal) signal).externalId().length() > RecordBounds.ID_LENGTH)) {
            f.refuse("ticketId", "with accountId, longer than the " + RecordBounds.ID_LENGTH
                    + " characters an event id may have with the time of a solve in it");
            return Mapping.invalid(f.errors());
        }
        return Mapping.of(signals);
    }

    /**
     * Refuses a ticket record's time {@code at} of the field when it is ahead of now ({@link RecordBounds#knownBy}). A bare
     * date is read as midnight UTC, yet in a zone ahead of UTC that day begins up to 14 hours earlier: a Sydney or Auckland
     * export's rows of today are taken once their day has begun anywhere, a mistyped year still refused.
     */
    private static void refuseAhead(Fields f, String field, Instant at, Instant now) {
        Instant asOf = ExportTimes.isDate(f.text(field)) ? now.plus(ExportTimes.DAY_BEGUN_AHEAD) : now;
        if (!RecordBounds.knownBy(at, asOf)) {
            f.refuse(field, "'" + at + "' is ahead of now (" + now + "): a ticket is as its latest change says, so one"
                    + " dated ahead would stand until then; send it once it has happened (is the year mistyped?)");
        }
    }

    private Mapping billing(Fields f, String source) {
        String eventId = f.requiredText("eventId");
        String accountId = f.requiredText("accountId");
        Instant occurredAt = f.requiredInstant("occurredAt");
        BillingEvent event = f.requiredEnum("event", BillingEvent.class);
        BigDecimal amount = f.amount("amount");
        String currency = f.currency("currency", "USD");
        String invoiceId = f.text("invoiceId");
        return result(f, () -> new BillingSignal(source, eventId, accountId, occurredAt, event, amount, currency,
                invoiceId));
    }

    private Mapping nps(Fields f, String source) {
        Answer a = answer(f, RecordBounds.MIN_NPS, RecordBounds.MAX_NPS);
        String comment = f.text("comment");
        return result(f, () -> new NpsSignal(source, a.eventId(), a.accountId(), a.occurredAt(), a.contactEmail(),
                a.score().intValue(), comment));
    }

    /** A CSAT answer (1–5), found like an NPS answer: by its accountId, else by its contact's email. */
    private Mapping csat(Fields f, String source) {
        Answer a = answer(f, RecordBounds.MIN_CSAT, RecordBounds.MAX_CSAT);
        String ticketId = f.text("ticketId");
        return result(f, () -> new CsatSignal(source, a.eventId(), a.accountId(), a.occurredAt(), a.contactEmail(),
                a.score().intValue(), ticketId));
    }

    /** What NPS and CSAT answers share; the account is the given one, else the respondent's. */
    private record Answer(String eventId, String contactEmail, String accountId, Instant occurredAt, Long score) {
    }

    private Answer answer(Fields f, int lowest, int highest) {
        String eventId = f.requiredText("eventId");
        String contactEmail = f.email("contactEmail", false);
        String given = f.text("accountId");
        String accountId = given != null || f.failed("accountId") || f.failed("contactEmail") ? given
                : accountOfRespondent(f, contactEmail);
        Instant occurredAt = f.requiredInstant("occurredAt");
        Long score = f.integer("score", lowest, highest, null);
        return new Answer(eventId, contactEmail, accountId, occurredAt, score);
    }

    /** The one account with a contact of this email; none or several refuse the answer, naming why. */
    private String accountOfRespondent(Fields f, String email) {
        if (email == null) {
            f.refuse("accountId", "missing; give accountId, or contactEmail to find the account through its contact");
            return null;
        }
        // An address no contact can have is not looked up: the database cannot even compare some (a NUL).
        String outOfBounds = RecordBounds.nameProblem(email);
        if (outOfBounds != null) {
            f.refuse("contactEmail", outOfBounds);
            return null;
        }
        List<String> accounts = respondents.accountsWith(email);
        if (accounts.size() == 1) {
            return accounts.get(0);
        }
        String shown = RecordBounds.shown(email);
        f.refuse("contactEmail", accounts.isEmpty()
                ? "'" + shown + "' is no contact's email, so the account is unknown; add the contact or give accountId"
                : "'" + shown + "' is a contact of several accounts (" + some(accounts)
                        + "), so the account is ambiguous; give accountId");
        return null;
    }

    /** The first few accounts, for an error that should stay short however many there are. */
    private static String some(List<String> accounts) {
        String first = String.join(", ", accounts.stream().limit(3).map(RecordBounds::shown).toList());
        return accounts.size() <= 3 ? first : first + " and " + (accounts.size() - 3) + " more";
    }

    /** A record may name its own source (a webhook relaying Zendesk); otherwise the channel is the source. */
    private static String signalSource(Fields f, String channelSource) {
        String source = f.text("source");
        return source != null ? source : channelSource;
    }

    /** Builds the record only when every field was read, since a failed field is null. */
    private static Mapping result(Fields f, Supplier<Object> record) {
        return f.errors().isEmpty() ? Mapping.of(record.get()) : Mapping.invalid(f.errors());
    }
}
