package dev.tenure.engine.activity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an account's timeline can be narrowed to: a kind of signal the account sent (usage, ticket, billing,
 * NPS, CSAT) or a kind of thing that happened in Tenure (a play, a step, a task, an email, a contact or stage
 * change, a milestone, rules that failed). The name in lower case is the timeline entry's type's first part
 * ({@code task.completed} is a TASK) or a signal's kind.
 */
public enum ActivityKind {
    USAGE(true), TICKET(true), BILLING(true), NPS(true), CSAT(true),
    CONTACT(false), STAGE(false), PLAY(false), STEP(false), TASK(false), EMAIL(false), MILESTONE(false), RULES(false);

    /** A timeline filter's name for every kind of signal. */
    public static final String SIGNALS = "signals";

    private final boolean signal;

    ActivityKind(boolean signal) {
        this.signal = signal;
    }

    /** A signal the account sent, rather than something Tenure did or recorded. */
    public boolean signal() {
        return signal;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named (any case), or a clear refusal naming the field.
     *
     * @throws IllegalArgumentException for a name that is no kind
     */
    public static ActivityKind parse(String field, String name) {
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + ": '" + name + "' is not one of "
                        + Arrays.stream(values()).map(ActivityKind::key).collect(Collectors.joining(", "))));
    }

    /**
     * The kinds a timeline filter names: none (everything) for nothing or blank, every kind of signal for
     * {@value #SIGNALS}, else the one kind named.
     *
     * @throws IllegalArgumentException for a name that is no kind, naming the field
     */
    public static Set<ActivityKind> filter(String field, String text) {
        if (text == null || text.isBlank()) {
            return EnumSet.noneOf(ActivityKind.class);
        }
        if (SIGNALS.equalsIgnoreCase(text.strip())) {
            EnumSet<ActivityKind> signals = EnumSet.noneOf(ActivityKind.class);
            Arrays.stream(values()).filter(ActivityKind::signal).forEach(signals::add);
            return signals;
        }
        return EnumSet.of(parse(field, text));
    }

    /** The kind of a timeline entry of this type, or of a signal entry ({@code signal.ticket}). */
    public static Optional<ActivityKind> ofType(String type) {
        String head = type.startsWith(AccountActivity.SIGNAL) ? type.substring(AccountActivity.SIGNAL.length()) : type;
        int dot = head.indexOf('.');
        String first = dot < 0 ? head : head.substring(0, dot);
        return Arrays.stream(values()).filter(k -> k.key().equals(first)).findFirst();
    }

    /**
     * The kinds of signal that stand behind a rule's matched facts, from the facts' names ({@code usageTrend},
     * {@code ticketLoad}, {@code billingStatus}, {@code npsSignal}, {@code csatAnswers}, {@code contactSignal}).
     */
    public static Set<ActivityKind> behind(Set<String> factNames) {
        Set<ActivityKind> kinds = EnumSet.noneOf(ActivityKind.class);
        for (String name : factNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (ActivityKind kind : values()) {
                if ((kind.signal || kind == CONTACT) && lower.startsWith(kind.key())) {
                    kinds.add(kind);
                }
            }
        }
        return kinds;
    }
}
