package dev.tenure.engine.accounts;

/**
 * Why a contact or a stage changed: its {@link ChangeOrigin} and, in words, which one ("contacts.csv line 7",
 * {@code rule "Onboarding done"}), as the history and the timeline show it.
 */
public record ChangeCause(ChangeOrigin origin, String detail) {

    /** Causes are shown, not parsed: a long label is cut rather than refused. */
    static final int MAX_DETAIL = 200;

    public ChangeCause {
        if (origin == null) {
            throw new IllegalArgumentException("a change needs its origin");
        }
        detail = detail == null || detail.isBlank() ? origin.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
    }

    /** A record of a source, named by its label ("contacts.csv line 7", "identify msg-1"). */
    public static ChangeCause source(String label) {
        return new ChangeCause(ChangeOrigin.SOURCE, label);
    }

    public static ChangeCause rule(String rule) {
        return new ChangeCause(ChangeOrigin.RULE, "rule \"" + rule + "\"");
    }

    public static ChangeCause lifecycle(String why) {
        return new ChangeCause(ChangeOrigin.LIFECYCLE, why);
    }

    public static ChangeCause unsubscribeLink() {
        return new ChangeCause(ChangeOrigin.UNSUBSCRIBE_LINK, "the unsubscribe link in an email");
    }
}
