package dev.tenure.engine.bounds;

import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stored value may be: the one place for the bounds of every field a source sends. Sources read
 * their records with these limits (so a sender learns what was wrong in its own words), and the intake
 * checks every record against them again before anything is stored, whatever the channel: a value out of
 * bounds is refused, naming the record and field, instead of reaching PostgreSQL (an index row too large,
 * a NUL it cannot store, a number no report can read back) or a rule.
 */
public final class RecordBounds {

    /** Ids, sources, features, plans, currencies: what an index holds and a page shows in one line. */
    public static final int ID_LENGTH = 200;
    /** Names and email addresses. */
    public static final int NAME_LENGTH = 320;
    /** A ticket's subject, an NPS comment. */
    public static final int TEXT_LENGTH = 10_000;
    /** A file of a rule set, as uploaded: a DRL, a decision table, a play, a template, a scenario file. */
    public static final int FILE_LENGTH = 1_000_000;
    /** Digits, sign, point and exponent of a number as written: longer ones are not read at all. */
    public static final int NUMBER_LENGTH = 40;
    /**
     * Money (ARR, an amount): larger than any customer, small enough that sums stay exact, and what an account's
     * {@code arr numeric(14, 2)} holds once rounded to cents (a trillion, or 999,999,999,999.995, is not).
     */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    public static final int AMOUNT_DECIMALS = 6;
    /** Uses of a feature in one event. */
    public static final long MAX_QUANTITY = 1_000_000_000L;
    public static final long MAX_ACTIVE_USERS = 10_000_000L;
    /** The scales of the answers: NPS 0 to 10, CSAT 1 to 5. */
    public static final int MIN_NPS = 0;
    public static final int MAX_NPS = 10;
    public static final int MIN_CSAT = 1;
    public static final int MAX_CSAT = 5;
    /** When a signal can have happened: anything else is a broken clock or a typo in a year. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    /** Contract dates (startedOn, renewalOn). */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1970, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2199, 12, 31);
    /** How much of a refused value an error repeats. */
    private static final int SHOWN = 60;

    /** What a text field may hold: how long it may be, and whether line breaks and tabs are text in it. */
    private enum TextBound {
        ID(ID_LENGTH, false, true), NAME(NAME_LENGTH, false, false), FREE(TEXT_LENGTH, true, false),
        /**
         * An account's own id, which is also the last segment of its page and API address. Only an account record is
         * held to it, not a signal or contact naming an account: those are refused anyway when no such account is
         * stored, and an account stored before this bound keeps its signals and contacts.
         */
        ACCOUNT_ID(ID_LENGTH, false, true) {
            @Override
            String problem(String text) {
                String problem = super.problem(text);
                return problem != null || text == null ? problem : addressProblem(text);
            }
        },
        /** A contact's email, its identity among the account's contacts: a name's bounds, and nothing invisible. */
        EMAIL(NAME_LENGTH, false, false) {
            @Override
            String problem(String text) {
                String problem = super.problem(text);
                return problem != null || text == null ? problem : invisibleInEmail(text);
            }
        };

        private final int limit;
        private final boolean lines;
        /** Whether every character must show: an id, whose look-alike would be another record. */
        private final boolean visible;

        TextBound(int limit, boolean lines, boolean visible) {
            this.limit = limit;
            this.lines = lines;
            this.visible = visible;
        }

        String problem(String text) {
            return textProblem(text, limit, lines, visible);
        }
    }

    /**
     * Characters a web server refuses in a path segment even when encoded (a slash, a backslash, a percent sign, a
     * semicolon), so an account with one in its id could be stored but its page and API never reached.
     */
    private static final String NOT_IN_AN_ADDRESS = "/\\%;";

    /** The text fields every signal has. */
    private static final Map<String, TextBound> SIGNAL_TEXT = Map.of("source", TextBound.ID, "eventId", TextBound.ID,
            "accountId", TextBound.ID);
    /**
     * The bound of each text field of each record, by the field's name as sources send it: what {@link #check} holds
     * a stored record to, and {@link #textProblem(Class, String, String)} a value known before any record (a constant).
     */
    private static final Map<Class<?>, Map<String, TextBound>> TEXT_FIELDS = Map.of(
            Account.class, Map.of("id", TextBound.ACCOUNT_ID, "name", TextBound.NAME, "csm", TextBound.NAME,
                    "plan", TextBound.ID, "timezone", TextBound.ID),
            Contact.class, Map.of("accountId", TextBound.ID, "email", TextBound.EMAIL, "name", TextBound.NAME,
                    "timezone", TextBound.ID),
            UsageSignal.class, signalText(Map.of("feature", TextBound.ID)),
            TicketSignal.class, signalText(Map.of("ticketId", TextBound.ID, "subject", TextBound.FREE)),
            BillingSignal.class, signalText(Map.of("currency", TextBound.ID, "invoiceId", TextBound.ID)),
            NpsSignal.class, signalText(Map.of("contactEmail", TextBound.EMAIL, "comment", TextBound.FREE)),
            CsatSignal.class, signalText(Map.of("contactEmail", TextBound.EMAIL, "ticketId", TextBound.ID)),
            ContactSignal.class, SIGNAL_TEXT);

    private static Map<String, TextBound> signalText(Map<String, TextBound> own) {
        Map<String, TextBound> all = new HashMap<>(SIGNAL_TEXT);
        all.putAll(own);
        return Map.copyOf(all);
    }

    private RecordBounds() {
    }

    /**
     * Whether a character takes no space and shows nothing: a Unicode format character (zero-width space, joiners,
     * a byte order mark, a soft hyphen, direction marks and the like), which a copy from a web page or a spreadsheet can
     * leave in a cell. In an id or an email it makes a second account, contact, ticket or event that looks exactly like
     * the first. Names and free text keep them: a joiner is part of some scripts' words and of emoji.
     */
    private static boolean invisible(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT;
    }

    /** Why this id-like text may not be stored, or null. */
    public static String idProblem(String text) {
        return TextBound.ID.problem(text);
    }

    /** Why this account id may not be stored, or null: an id's bounds, and nothing its address could not carry. */
    public static String accountIdProblem(String text) {
        return TextBound.ACCOUNT_ID.problem(text);
    }

    private static String addressProblem(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (NOT_IN_AN_ADDRESS.indexOf(id.charAt(i)) >= 0) {
                return "'" + shown(id) + "' contains '" + id.charAt(i) + "' (at position " + (i + 1)
                        + "), which the account's page and API address cannot carry; no /, \\, % or ; in an account id";
            }
        }
        if (id.equals(".") || id.equals("..")) {
            return "'" + id + "' cannot be an account's address";
        }
        return null;
    }

    /** Why this name or address may not be stored, or null. */
    public static String nameProblem(String text) {
        return TextBound.NAME.problem(text);
    }

    /** Why this free text (line breaks and tabs allowed) may not be stored, or null. */
    public static String freeTextProblem(String text) {
        return TextBound.FREE.problem(text);
    }

    /**
     * Why this text may not be stored as the field {@code field} of a {@code type} record ({@code Account},
     * {@code Contact} or a signal's record type), or null, also when that is no text field of the record (a number,
     * a time: their readers bound them): the bound {@link #check} holds the field to, for a value known before any
     * record is, such as a mapping's constant, so it is refused once rather than on every record.
     */
    public static String textProblem(Class<?> type, String field, String text) {
        TextBound bound = TEXT_FIELDS.getOrDefault(type, Map.of()).get(field);
        return bound == null ? null : bound.problem(text);
    }

    /** As {@link #textProblem(Class, String, String)}, for a field that must be a text field of the record. */
    public static String textFieldProblem(Class<?> type, String field, String text) {
        TextBound bound = TEXT_FIELDS.getOrDefault(type, Map.of()).get(field);
        if (bound == null) {
            // A text field missing from TEXT_FIELDS is a bug here, not a sender's mistake.
            throw new IllegalStateException("no bound for text field " + type.getSimpleName() + "." + field);
        }
        return bound.problem(text);
    }

    private static String textProblem(String text, int limit, boolean lines, boolean visible) {
        if (text == null) {
            return null;
        }
        if (text.length() > limit) {
            return "is " + text.length() + " characters long; at most " + limit;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowedBreak = lines && (c == '\n' || c == '\r' || c == '\t');
            if ((c < 0x20 || c >= 0x7f && c <= 0x9f) && !allowedBreak) {
                return "'" + shown(text) + "' contains a control character (U+" + String.format("%04X", (int) c)
                        + ") at position " + (i + 1);
            }
            if (visible && invisible(text.codePointAt(i))) {
                return "'" + shown(text) + "' contains an invisible character (U+" + String.format("%04X", text.codePointAt(i))
                        + ") at position " + (i + 1) + "; an id must look like what it is, or it is another record that"
                        + " looks like the first";
            }
            if (Character.isSurrogate(c) && !validPair(text, i)) {
                return "'" + shown(text) + "' is not valid text (a lone UTF-16 surrogate at position " + (i + 1) + ")";
            }
        }
        return null;
    }

    /**
     * Why this file's text (a rule, a play, a template, as uploaded) may not be stored, or null: what free text may
     * hold (line breaks and tabs, no other control character, no lone surrogate), up to {@link #FILE_LENGTH}
     * characters: a rule file is a few kilobytes, and reading a YAML text of megabytes up to its parser's own limit
     * takes much of the time the upload's checks have, which would then be refused without a file to name.
     */
    public static String fileTextProblem(String text) {
        return textProblem(text, FILE_LENGTH, true, false);
    }

    /**
     * Why this text cannot be one email address (a contact's, a CSM's, an NPS answer's), or null: an at sign with
     * something either side, and nothing that makes it several addresses or none a mail server takes (a second at
     * sign, white space, a comma, a semicolon, angle brackets), so a stored address is the one a task or an email goes to.
     */
    public static String emailProblem(String text) {
        if (text == null) {
            return null;
        }
        int at = text.indexOf('@');
        boolean one = at > 0 && at < text.length() - 1 && text.indexOf('@', at + 1) < 0;
        if (!one || text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || ",;<>".indexOf(c) >= 0)) {
            return "'" + shown(text) + "' is not an email address";
        }
        return invisibleInEmail(text);
    }

    /** An email is a contact's identity: an invisible character makes a second contact that looks like the first. */
    private static String invisibleInEmail(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (invisible(text.codePointAt(i))) {
                return "'" + shown(text) + "' contains an invisible character (U+" + String.format("%04X", text.codePointAt(i))
                        + ") at position " + (i + 1) + "; an email must look like what it is, or it is another contact that"
                        + " looks like the first";
            }
        }
        return null;
    }

    /**
     * Refuses a value a person or a client sent outside any record (a task's note, a suppression's reason, a person's
     * name), with the problem one of the methods here found, naming the field: {@code note: 'a\u0000' contains a
     * control character ...}, which the API answers with a 400.
     */
    public static void require(String field, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }

    /** Why this amount may not be stored, or null. */
    public static String amountProblem(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (amount.abs().compareTo(MAX_AMOUNT) > 0) {
            return "'" + shown(amount.toString()) + "' is beyond ±" + MAX_AMOUNT.toPlainString();
        }
        if (amount.stripTrailingZeros().scale() > AMOUNT_DECIMALS) {
            return "'" + shown(amount.toString()) + "' has more than " + AMOUNT_DECIMALS + " decimal places";
        }
        return null;
    }

    /**
     * Why this amount may not be stored where it is what a customer pays (an account's ARR, the new MRR of an
     * {@code MRR_CHANGED}), or null: an amount {@link #amountProblem} takes, and not below zero, since the revenue
     * reports add these up for every account.
     */
    public static String paidAmountProblem(BigDecimal amount) {
        String problem = amountProblem(amount);
        if (problem == null && amount != null && amount.signum() < 0) {
            return "'" + shown(amount.toPlainString()) + "' is less than 0";
        }
        return problem;
    }

    /** Why this whole number is outside [min, max], or null. */
    public static String rangeProblem(long value, long min, long max) {
        if (value < min) {
            return "'" + value + "' is less than " + min;
        }
        if (value > max) {
            return "'" + value + "' is more than " + max;
        }
        return null;
    }

    /** Why this moment cannot be when something happened, or null. */
    public static String instantProblem(Instant at) {
        if (at == null || !at.isBefore(EARLIEST) && at.isBefore(LATEST)) {
            return null;
        }
        return "'" + at + "' is not between " + EARLIEST + " and " + LATEST;
    }

    /**
     * As {@link #instantProblem(Instant)}, for a moment read from what a sender wrote: the error repeats that too, so
     * {@code 9999999999} seconds since 1970 is seen to be the year 2286.
     */
    public static String instantProblem(String written, Instant at) {
        String problem = instantProblem(at);
        if (problem == null || written == null || written.equals(at.toString())) {
            return problem;
        }
        return "'" + shown(written) + "' is " + at + ", not between " + EARLIEST + " and " + LATEST;
    }

    /**
     * Whether a time a source sends ({@code at}, null for none) can be true as of {@code asOf}: up to a fast clock's few
     * minutes later is taken as then ({@link Lifecycle#hasHappened}), the one allowance for every time a source stamps.
     */
    public static boolean knownBy(Instant at, Instant asOf) {
        return at == null || Lifecycle.hasHappened(at, asOf);
    }

    /**
     * Why a cancellation or reactivation stamped {@code at} cannot be taken in at {@code now}, or null: it changes
     * the account's stage when it is stored, and nothing would apply it again once its time came, so one stamped
     * ahead (beyond a fast clock's few minutes) is refused and can be sent, or its dead letter replayed, then.
     */
    public static String notYetProblem(BillingEvent event, Instant at, Instant now) {
        if (knownBy(at, now)) {
            return null;
        }
        return "'" + at + "' is ahead of now (" + now + "): a " + event + " counts once it has happened, so send it then"
                + " (up to " + Lifecycle.CLOCK_DRIFT.toMinutes() + " minutes ahead is taken as now, for clocks that run fast)";
    }

    /** Why this contract date cannot be, or null. */
    public static String dateProblem(LocalDate day) {
        if (day == null || !day.isBefore(EARLIEST_DATE) && !day.isAfter(LATEST_DATE)) {
            return null;
        }
        return "'" + day + "' is not between " + EARLIEST_DATE + " and " + LATEST_DATE;
    }

    /**
     * A value as an error repeats it: the start of a long one and its length, control characters written
     * out as escapes (backslash, u, four hex digits), so the error itself can be stored, logged and shown, and
     * invisible ones too, so the error shows what its reader could not see in the value.
     */
    public static String shown(String value) {
        if (value == null) {
            return null;
        }
        String start = value.length() <= SHOWN ? value : value.substring(0, SHOWN);
        StringBuilder shown = new StringBuilder(start.length() + 16);
        for (int i = 0; i < start.length(); i++) {
            char c = start.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || !Character.isSurrogate(c) && invisible(c) || Character.isSurrogate(c) && !validPair(start, i)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return value.length() <= SHOWN ? shown.toString() : shown + "… (" + value.length() + " characters)";
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
