package dev.tenure.engine.book;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A CSM's book of business: their accounts only, searched by name or id, sorted, paged, renewals. */
@SpringBootTest(classes = EngineTestApplication.class)
class BookOfBusinessIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    BookOfBusiness book;

    private final String csm = "book-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    private List<String> ids(BookSort sort, boolean descending) {
        return book.page(new BookQuery(csm, null, null, null, sort, descending, 0, 10), TestClock.now()).entries().stream()
                .map(e -> e.account().id()).toList();
    }

    @Test
    void a_book_sorts_by_health_arr_renewal_and_last_activity_with_never_heard_from_last() {
        TestData quiet = TestData.account("Book Quiet", Segment.LOW_TOUCH).csm(csm).arr(BigDecimal.valueOf(10_000)).renewsInDays(20);
        TestData busy = TestData.account("Book Busy", Segment.LOW_TOUCH).csm(csm).arr(BigDecimal.valueOf(50_000)).renewsInDays(300)
                .usage("core", 3, 0, 50);
        TestData unhappy = TestData.account("Book Unhappy", Segment.LOW_TOUCH).csm(csm).arr(BigDecimal.valueOf(30_000)).renewsInDays(90)
                .usage("core", 40, 10, 50).nps(0, 12).nps(1, 11);
        TestData elsewhere = TestData.account("Book Elsewhere", Segment.LOW_TOUCH);
        List.of(quiet, busy, unhappy, elsewhere).forEach(a -> intake.accept(a.batch()));

        assertThat(ids(BookSort.NAME, false)).containsExactly(busy.id(), quiet.id(), unhappy.id());
        assertThat(ids(BookSort.ARR, true)).containsExactly(busy.id(), unhappy.id(), quiet.id());
        assertThat(ids(BookSort.RENEWAL, false)).containsExactly(quiet.id(), unhappy.id(), busy.id());
        assertThat(ids(BookSort.ACTIVITY, true)).as("never heard from: last").containsExactly(busy.id(), unhappy.id(), quiet.id());
        BookPage page = book.page(new BookQuery(csm, null, null, null, BookSort.HEALTH, false, 0, 10), TestClock.now());
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.entries()).allSatisfy(e -> assertThat(e.account().csm()).isEqualTo(csm));
        assertThat(page.entries()).extracting(BookEntry::health).as("the weakest first").doesNotContainNull().isSorted();
    }

    @Test
    void search_matches_name_or_id_in_any_case_and_renewals_keep_those_due_in_the_window() {
        TestData soon = TestData.account("Search 100% Sure_Thing", Segment.LOW_TOUCH).csm(csm).renewsInDays(119);
        TestData later = TestData.account("Search Later", Segment.LOW_TOUCH).csm(csm).renewsInDays(121);
        List.of(soon, later).forEach(a -> intake.accept(a.batch()));
        LocalDate today = TestClock.today();

        assertThat(book.page(new BookQuery(csm, "100% sure_", null, null, BookSort.NAME, false, 0, 10), TestClock.now()).entries())
                .extracting(e -> e.account().id()).containsExactly(soon.id());
        assertThat(book.page(new BookQuery(csm, "100_", null, null, BookSort.NAME, false, 0, 10), TestClock.now()).total())
                .as("_ and % are letters, not wildcards").isZero();
        assertThat(book.page(new BookQuery(csm, later.id().toUpperCase(), null, null, BookSort.NAME, false, 0, 10), TestClock.now()).entries())
                .extracting(e -> e.account().id()).containsExactly(later.id());
        assertThat(book.page(new BookQuery(csm, null, today, today.plusDays(120), BookSort.RENEWAL, false, 0, 10), TestClock.now()).entries())
                .extracting(e -> e.account().id()).containsExactly(soon.id());
        assertThat(book.page(new BookQuery(csm, null, null, null, BookSort.NAME, false, 5, 10), TestClock.now()).total())
                .as("past the last page the total is still known").isEqualTo(2);
        assertThat(book.csms()).contains(csm);
        assertThatThrownBy(() -> BookSort.parse("sort", "size")).hasMessage("sort: 'size' is not one of name, health, arr, renewal, activity");
    }
}
