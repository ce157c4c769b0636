package dev.tenure.api.inbox;

import java.util.Locale;

/** Which tasks the inbox lists: the open ones (the default), the snoozed ones, or the done ones. */
enum InboxView {
    OPEN, SNOOZED, DONE;

    static InboxView of(String text) {
        try {
            return text == null || text.isBlank() ? OPEN : valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OPEN;
        }
    }

    /** For links: {@code ?view=done}. */
    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }
}
