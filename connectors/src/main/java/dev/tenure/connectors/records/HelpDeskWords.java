package dev.tenure.connectors.records;

import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;

import java.util.Map;
import java.util.TreeSet;

/**
 * How a value of Tenure's vocabulary may be written in a record: its own name ({@code P1}, {@code HIGH_TOUCH}), and
 * for a ticket's priority and status the words help desks export (Zendesk, Freshdesk, Help Scout, Intercom, HubSpot,
 * Jira Service Management), so their exports and webhooks are read without converting them first. Every reader of
 * such a value goes through {@link #of}, so a spelling one source takes, every source takes.
 */
public final class HelpDeskWords {

    private static final Map<String, TicketPriority> PRIORITIES = Map.of(
            "urgent", TicketPriority.P1, "critical", TicketPriority.P1, "highest", TicketPriority.P1,
            "high", TicketPriority.P2,
            "normal", TicketPriority.P3, "medium", TicketPriority.P3,
            "low", TicketPriority.P4, "lowest", TicketPriority.P4);
    /**
     * Keys as {@link #key} makes them: lowercase, one space between words. Waiting on the customer or a third party is
     * PENDING; waiting on the team ("waiting for support", HubSpot's "waiting on us") is work still to do, so OPEN.
     */
    private static final Map<String, TicketStatus> STATUSES = Map.ofEntries(
            Map.entry("new", TicketStatus.OPEN), Map.entry("active", TicketStatus.OPEN),
            Map.entry("submitted", TicketStatus.OPEN), Map.entry("in progress", TicketStatus.OPEN),
            Map.entry("work in progress", TicketStatus.OPEN), Map.entry("escalated", TicketStatus.OPEN),
            Map.entry("waiting for support", TicketStatus.OPEN), Map.entry("waiting on us", TicketStatus.OPEN),
            Map.entry("hold", TicketStatus.PENDING), Map.entry("on hold", TicketStatus.PENDING),
            Map.entry("snoozed", TicketStatus.PENDING), Map.entry("waiting", TicketStatus.PENDING),
            Map.entry("waiting on customer", TicketStatus.PENDING), Map.entry("waiting for customer", TicketStatus.PENDING),
            Map.entry("waiting on contact", TicketStatus.PENDING), Map.entry("waiting on third party", TicketStatus.PENDING),
            Map.entry("resolved", TicketStatus.SOLVED), Map.entry("done", TicketStatus.SOLVED));

    private HelpDeskWords() {
    }

    /**
     * The value the text stands for, Tenure's name or a help desk's word, or null when it is neither. Case is forgiven,
     * and so is a space, underscore or hyphen between words ("high touch" is HIGH_TOUCH, "On-hold" is "on hold"):
     * spreadsheets are typed by people.
     */
    static <E extends Enum<E>> E of(Class<E> type, String text) {
        String key = key(text);
        if (key == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (key.equals(key(constant.name()))) {
                return constant;
            }
        }
        return type.cast(words(type).get(key));
    }

    /**
     * A help desk's word as Tenure's own name ({@code "urgent"} as {@code "P1"}), for a reader that builds a canonical
     * record; a word that is not one of theirs comes back as it was, so the record mapping refuses it naming the field.
     */
    public static <E extends Enum<E>> String canonical(Class<E> type, String word) {
        if (word == null) {
            return null;
        }
        E value = of(type, word);
        return value == null ? word : value.name();
    }

    /** The words read for this type besides its own names, for an error message; empty when none. */
    static String wordsFor(Class<?> type) {
        Map<String, ?> words = words(type);
        return words.isEmpty() ? "" : " (or a help desk's word: " + String.join(", ", new TreeSet<>(words.keySet())) + ")";
    }

    private static Map<String, ?> words(Class<?> type) {
        return type == TicketPriority.class ? PRIORITIES : type == TicketStatus.class ? STATUSES : Map.of();
    }

    /**
     * The text lowercase, each run of spaces, underscores and hyphens one space; null when it holds anything but
     * printable ASCII. Unicode case rules would make a look-alike the word it imitates ("ſolved" with a long s upper-cases
     * to SOLVED, "pendıng" with a dotless i to PENDING), and a value that is not quite the word is better refused.
     */
    private static String key(String text) {
        String trimmed = text.strip();
        StringBuilder key = new StringBuilder(trimmed.length());
        boolean between = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ' ' || c == '_' || c == '-') {
                between = true;
                continue;
            }
            if (c < '!' || c > '~') {
                return null;
            }
            if (between) {
                key.append(' ');
                between = false;
            }
            key.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        // A separator left at the end ("HIGH_TOUCH_") is a value cut short or run on, not the word.
        return between ? null : key.toString();
    }
}
