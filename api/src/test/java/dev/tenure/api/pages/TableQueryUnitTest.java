package dev.tenure.api.pages;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A table's view read from its address, and the addresses of its other pages and orders. */
class TableQueryUnitTest {

    static final List<String> SORTS = List.of("when", "name");

    static MockHttpServletRequest asked(String... params) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ops/things");
        for (int i = 0; i < params.length; i += 2) {
            request.addParameter(params[i], params[i + 1]);
        }
        return request;
    }

    @Test
    void an_address_without_a_query_shows_the_first_page_in_the_default_order() {
        TableQuery query = TableQuery.of(asked(), SORTS, true);

        assertThat(query.sort()).isEqualTo("when");
        assertThat(query.descending()).isTrue();
        assertThat(query.page()).isEqualTo(1);
        assertThat(query.size()).isEqualTo(TableQuery.SIZE);
        assertThat(query.search()).isNull();
    }

    @Test
    void an_order_the_table_does_not_offer_a_bad_page_and_an_odd_size_fall_back_to_the_defaults() {
        TableQuery query = TableQuery.of(asked("sort", "password_hash", "dir", "asc", "page", "-3", "size", "7"), SORTS, true);

        assertThat(query.sort()).isEqualTo("when");
        assertThat(query.descending()).isTrue();
        assertThat(query.page()).isEqualTo(1);
        assertThat(query.size()).isEqualTo(TableQuery.SIZE);
    }

    @Test
    void links_keep_the_search_and_filters_encoded_and_a_sorted_column_turns_the_other_way() {
        TableQuery query = TableQuery.of(asked("q", "a&b c", "status", "PAUSED", "sort", "name", "dir", "asc"), SORTS, true,
                "status");

        assertThat(query.sortHref("name")).isEqualTo("/ops/things?q=a%26b%20c&status=PAUSED&sort=name&dir=desc");
        assertThat(query.sortHref("when")).isEqualTo("/ops/things?q=a%26b%20c&status=PAUSED&sort=when&dir=asc");
        assertThat(query.pageHref(3)).isEqualTo("/ops/things?q=a%26b%20c&status=PAUSED&sort=name&dir=asc&page=3");
        assertThat(query.ariaSort("name")).isEqualTo("ascending");
        assertThat(query.ariaSort("when")).isNull();
    }

    @Test
    void rows_held_in_memory_are_searched_sorted_and_cut_into_pages_and_a_page_past_the_end_shows_the_last() {
        List<String> names = IntStream.rangeClosed(1, 30).mapToObj(i -> "row " + i).toList();
        Map<String, Comparator<String>> orders = Map.of("when", Comparator.naturalOrder(),
                "name", Comparator.comparing(String::length).thenComparing(Function.identity()));

        TablePage<String> second = TableQuery.of(asked("sort", "name", "dir", "asc", "size", "10", "page", "2"), SORTS, true)
                .apply(names, orders, Function.identity());
        TablePage<String> beyond = TableQuery.of(asked("sort", "name", "dir", "asc", "size", "10", "page", "9"), SORTS, true)
                .apply(names, orders, Function.identity());
        TablePage<String> found = TableQuery.of(asked("q", "ROW 2"), SORTS, true).apply(names, orders, Function.identity());

        assertThat(second.rows()).startsWith("row 11", "row 12").hasSize(10);
        assertThat(second.first()).isEqualTo(11);
        assertThat(second.hasPrevious()).isTrue();
        assertThat(second.hasNext()).isTrue();
        assertThat(beyond.query().page()).isEqualTo(3);
        assertThat(beyond.rows()).endsWith("row 30");
        assertThat(beyond.hasNext()).isFalse();
        assertThat(found.total()).isEqualTo(11);
    }
}
