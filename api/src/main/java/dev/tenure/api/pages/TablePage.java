package dev.tenure.api.pages;

import java.util.List;

/** One page of a table's rows, how many rows there are in all, and the query that chose them. */
public record TablePage<T>(List<T> rows, long total, TableQuery query) {

    public int pages() {
        return (int) Math.max(1, (total + query.size() - 1) / query.size());
    }

    public boolean hasPrevious() {
        return query.page() > 1;
    }

    public boolean hasNext() {
        return query.page() < pages();
    }

    /** The number of the first row shown, counting from 1; 0 on an empty table. */
    public long first() {
        return rows.isEmpty() ? 0 : query.offset() + 1L;
    }

    public long last() {
        return query.offset() + (long) rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
