package dev.tenure.engine.book;

import java.time.LocalDate;

/**
 * Which accounts of a book to list: one CSM's ({@code csm}, an email) or everyone's (null); those whose name or
 * id contains {@code search} (any case; null for all); renewing from {@code renewingFrom} to
 * {@code renewingUntil} inclusive (both null for any renewal, churned accounts then left out); sorted, a page of
 * {@code limit} after {@code offset}.
 */
public record BookQuery(String csm, String search, LocalDate renewingFrom, LocalDate renewingUntil, BookSort sort,
                        boolean descending, int offset, int limit) {

    public BookQuery {
        if ((renewingFrom == null) != (renewingUntil == null)) {
            throw new IllegalArgumentException("renewingFrom and renewingUntil: give both or neither");
        }
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset and limit: " + offset + " and " + limit + " do not make a page");
        }
        search = search == null || search.isBlank() ? null : search.strip();
        csm = csm == null || csm.isBlank() ? null : csm.strip();
    }
}
