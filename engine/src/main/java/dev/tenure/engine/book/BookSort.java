package dev.tenure.engine.book;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a book of business is sorted by, each with the direction a CSM wants first: the weakest health, the
 * largest ARR, the nearest renewal, the most recent activity, names A to Z.
 */
public enum BookSort {
    NAME("lower(a.name)", false), HEALTH("h.score", false), ARR("a.arr", true), RENEWAL("a.renewal_on", false),
    ACTIVITY("act.last_activity", true);

    final String column;
    private final boolean descendingFirst;

    BookSort(String column, boolean descendingFirst) {
        this.column = column;
        this.descendingFirst = descendingFirst;
    }

    public boolean descendingFirst() {
        return descendingFirst;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the field, for a name that is no sort */
    public static BookSort parse(String field, String name) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + ": '" + name + "' is not one of "
                        + Arrays.stream(values()).map(BookSort::key).collect(Collectors.joining(", "))));
    }
}
