package dev.tenure.api.paging;

import dev.tenure.api.errors.BadParameterException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The one place the paging parameters of a REST list are read: {@code page} (from 1) and {@code size} (1 to
 * {@link PagingProperties#maxSize}); {@code limit}, the older name of {@code size}, is still read when
 * there is no {@code size}. A value that is not a whole number in range is a 400 naming the parameter.
 */
final class PageQueryResolver implements HandlerMethodArgumentResolver {

    /** No list is this long; the bound keeps every offset a whole number the database takes. */
    static final int MOST_PAGES = 1_000_000;

    private final PagingProperties properties;

    PageQueryResolver(PagingProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageQuery.class;
    }

    @Override
    public PageQuery resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                     NativeWebRequest request, WebDataBinderFactory binderFactory) {
        int page = number(request, "page", 1, MOST_PAGES, 1);
        String sizeName = request.getParameter("size") == null && request.getParameter("limit") != null ? "limit" : "size";
        int size = number(request, sizeName, 1, properties.maxSize(), properties.defaultSize());
        return new PageQuery(page, size);
    }

    private static int number(NativeWebRequest request, String name, int least, int most, int absent) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "'" + value + "' is not a whole number; give " + least + " to " + most);
        }
        if (number < least || number > most) {
            throw new BadParameterException(name, number + " is out of range; give " + least + " to " + most);
        }
        return number;
    }
}
