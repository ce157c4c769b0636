package dev.tenure.api.paging;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The page of a list a caller asks for: {@code page} counts from 1, {@code size} items a page. Read and
 * bounded by {@link PageQueryResolver} only; a handler takes it as a parameter.
 */
public record PageQuery(
        @Schema(description = "The page, counting from 1", defaultValue = "1", minimum = "1") int page,
        @Schema(description = "Items a page, at most tenure.api.paging.max-size (1000)", defaultValue = "100", minimum = "1")
        int size) {

    public PageQuery {
        if (page < 1 || size < 1) {
            throw new IllegalArgumentException("page and size count from 1, were " + page + " and " + size);
        }
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) (page - 1) * size;
    }
}
