package dev.tenure.connectors.records;

import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The words help desks export for a ticket's priority and status (Zendesk, Freshdesk, Help Scout, Jira Service
 * Management), in Tenure's terms, so their exports and webhooks are read without converting them first. Tenure's own
 * names ({@code P1}, {@code SOLVED}) are read as they are.
 */
public final class HelpDeskWords {

    private static final Map<String, TicketPriority> PRIORITIES = Map.of(
            "urgent", TicketPriority.P1, "critical", TicketPriority.P1, "highest", TicketPriority.P1,
            "high", TicketPriority.P2,
            "normal", TicketPriority.P3, "medium", TicketPriority.P3,
            "low", TicketPriority.P4, "lowest", TicketPriority.P4);
    private static final Map<String, TicketStatus> STATUSES = Map.ofEntries(
            Map.entry("new", TicketStatus.OPEN), Map.entry("active", TicketStatus.OPEN),
            Map.entry("in progress", TicketStatus.OPEN), Map.entry("in_progress", TicketStatus.OPEN),
            Map.entry("hold", TicketStatus.PENDING), Map.entry("on hold", TicketStatus.PENDING),
            Map.entry("on-hold", TicketStatus.PENDING), Map.entry("waiting", TicketStatus.PENDING),
            Map.entry("waiting on customer", TicketStatus.PENDING),
            Map.entry("resolved", TicketStatus.SOLVED), Map.entry("done", TicketStatus.SOLVED));

    private HelpDeskWords() {
    }

    /** The Tenure value a help desk's word stands for, or null when it is not one of theirs. */
    @SuppressWarnings("unchecked")
    static <E extends Enum<E>> E of(Class<E> type, String word) {
        return (E) words(type).get(word.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * A help desk's word as Tenure's own name ({@code "urgent"} as {@code "P1"}), for a reader that builds a canonical
     * record; a word that is not one of theirs comes back as it was, so the record mapping refuses it naming the field.
     */
    public static <E extends Enum<E>> String canonical(Class<E> type, String word) {
        if (word == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(word.trim())) {
                return constant.name();
            }
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
}
