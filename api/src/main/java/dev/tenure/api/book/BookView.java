package dev.tenure.api.book;

import java.util.Arrays;
import java.util.Locale;

/** The book's views: every account, or those renewing in the next {@link BookPage#RENEWALS_DAYS} days. */
enum BookView {
    ALL, RENEWALS;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BookView parse(String text) {
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("view: '" + text + "' is not one of all, renewals"));
    }
}
