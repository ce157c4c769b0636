package dev.tenure.api.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How REST lists are paged ({@code tenure.api.paging.*}).
 *
 * @param defaultSize items on a page when the caller asks for no {@code size}
 * @param maxSize     the most items one page holds; a larger {@code size} is a 400 naming it
 */
@ConfigurationProperties("tenure.api.paging")
@Validated
public record PagingProperties(@DefaultValue("100") @Min(1) @Max(10_000) int defaultSize,
                               @DefaultValue("1000") @Min(1) @Max(10_000) int maxSize) {

    public PagingProperties {
        if (defaultSize > maxSize) {
            throw new IllegalArgumentException("tenure.api.paging.default-size (" + defaultSize
                    + ") must not be larger than tenure.api.paging.max-size (" + maxSize + ")");
        }
    }
}
