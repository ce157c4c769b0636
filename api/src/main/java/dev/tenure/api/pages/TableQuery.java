package dev.tenure.api.pages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How a table on a page is searched, sorted and paged, read from its address ({@code ?q=&sort=&dir=&page=}
 * plus the table's own filters), so a view can be bookmarked and shared; and the addresses of its other
 * pages and orders. Every table of the pages reads it here: a sort key the table does not offer falls back
 * to its default, a page past the end shows the last one.
 */
public record TableQuery(String path, String search, String sort, boolean descending, int page, int size,
                         Map<String, String> filters) {

    /** Rows per page unless the address asks for one of {@link #SIZES}. */
    public static final int SIZE = 25;
    public static final List<Integer> SIZES = List.of(10, 25, 50, 100);
    private static final int LONGEST_SEARCH = 200;

    /**
     * The query of this request: {@code sorts} are the keys the table offers, the first its default order
     * ({@code descendingByDefault} for newest first); {@code filterNames} the table's own parameters.
     */
    public static TableQuery of(HttpServletRequest request, List<String> sorts, boolean descendingByDefault,
                                String... filterNames) {
        String sort = request.getParameter("sort");
        boolean known = sort != null && sorts.contains(sort);
        String dir = request.getParameter("dir");
        boolean descending = known && dir != null ? "desc".equalsIgnoreCase(dir) : descendingByDefault;
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : filterNames) {
            String value = trimmed(request.getParameter(name));
            if (value != null) {
                filters.put(name, value);
            }
        }
        int size = number(request.getParameter("size"), SIZE);
        return new TableQuery(request.getRequestURI().substring(request.getContextPath().length()),
                trimmed(request.getParameter("q")), known ? sort : sorts.get(0), descending,
                Math.max(1, number(request.getParameter("page"), 1)), SIZES.contains(size) ? size : SIZE,
                Map.copyOf(filters));
    }

    public int offset() {
        return (page - 1) * size;
    }

    public String filter(String name) {
        return filters.get(name);
    }

    /** The same view on another page. */
    public String pageHref(int other) {
        return href(sort, descending, other);
    }

    /** The view ordered by {@code key}: the other way round when it already is, else ascending. */
    public String sortHref(String key) {
        return href(key, key.equals(sort) && !descending, 1);
    }

    /** For a column header's {@code aria-sort}: null on columns the table is not ordered by. */
    public String ariaSort(String key) {
        return key.equals(sort) ? (descending ? "descending" : "ascending") : null;
    }

    /** Words for a sortable header's link, so a screen reader says what a click does. */
    public String sortLabel(String key, String label) {
        return "Sort by " + label.toLowerCase(Locale.ROOT) + (key.equals(sort) && !descending ? ", descending" : ", ascending");
    }

    /** The rows of this page out of all the rows, ordered and searched here; for tables held in memory. */
    public <T> TablePage<T> apply(List<T> all, Map<String, Comparator<T>> orders, Function<T, String> searchable) {
        String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
        Comparator<T> order = orders.get(sort);
        List<T> found = all.stream()
                .filter(row -> needle == null || String.valueOf(searchable.apply(row)).toLowerCase(Locale.ROOT).contains(needle))
                .sorted(descending ? order.reversed() : order)
                .toList();
        TableQuery shown = within(found.size());
        return new TablePage<>(found.subList(Math.min(shown.offset(), found.size()),
                Math.min(shown.offset() + size, found.size())), found.size(), shown);
    }

    /** This query with its page brought inside {@code total} rows: a page past the end shows the last. */
    public TableQuery within(long total) {
        int last = (int) Math.max(1, (total + size - 1) / size);
        return page <= last ? this : new TableQuery(path, search, sort, descending, last, size, filters);
    }

    private String href(String sortBy, boolean desc, int onPage) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (search != null) {
            uri.queryParam("q", search);
        }
        filters.forEach(uri::queryParam);
        uri.queryParam("sort", sortBy).queryParam("dir", desc ? "desc" : "asc");
        if (size != SIZE) {
            uri.queryParam("size", size);
        }
        if (onPage > 1) {
            uri.queryParam("page", onPage);
        }
        return uri.encode().build().toUriString();
    }

    private static String trimmed(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() > LONGEST_SEARCH ? stripped.substring(0, LONGEST_SEARCH) : stripped;
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
