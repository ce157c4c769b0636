package dev.tenure.api.paging;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a REST list: its items, how many there are in all, and the next page (its number and its
 * address, the same query with {@code page} moved on; both null on the last page).
 */
public record ApiPage<T>(
        @Schema(description = "The items of this page, in the list's order") List<T> items,
        @Schema(description = "How many items the list has in all, on every page") long total,
        @Schema(description = "This page, counting from 1") int page,
        @Schema(description = "Items a page") int size,
        @Schema(description = "The next page's number; null on the last page", nullable = true) Integer nextPage,
        @Schema(description = "The next page's address (path and query); null on the last page", nullable = true) String next) {

    /** A page of items read from the database for this query, out of {@code total}. */
    public static <T> ApiPage<T> of(List<T> items, long total, PageQuery query) {
        boolean more = query.offset() + items.size() < total;
        Integer nextPage = more ? query.page() + 1 : null;
        return new ApiPage<>(List.copyOf(items), total, query.page(), query.size(), nextPage, more ? link(nextPage, query.size()) : null);
    }

    /** The page of a list held whole in memory. */
    public static <T> ApiPage<T> slice(List<T> all, PageQuery query) {
        int from = (int) Math.min(query.offset(), all.size());
        int to = (int) Math.min(query.offset() + query.size(), all.size());
        return of(all.subList(from, to), all.size(), query);
    }

    /** The same page with each item turned into what the API answers. */
    public <R> ApiPage<R> map(Function<? super T, ? extends R> mapping) {
        return new ApiPage<>(items.stream().<R>map(mapping).toList(), total, page, size, nextPage, next);
    }

    private static String link(int page, int size) {
        URI uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page)
                .replaceQueryParam("limit").replaceQueryParam("size", size).build().toUri();
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
