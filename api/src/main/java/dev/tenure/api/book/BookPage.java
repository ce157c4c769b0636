package dev.tenure.api.book;

import dev.tenure.api.pages.ForbiddenPageException;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.Viewer;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.api.timezone.ZonedTimes;
import dev.tenure.engine.book.BookEntry;
import dev.tenure.engine.book.BookOfBusiness;
import dev.tenure.engine.book.BookQuery;
import dev.tenure.engine.book.BookSort;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /accounts}: the signed-in CSM's book of business (CS ops and admins: any CSM's, or the whole team's),
 * searched by name or id, sorted by health, ARR, renewal or last activity (server-side, the sort in the
 * address), a page at a time; the renewals of the next 120 days; and, for CS ops, the team's overdue tasks.
 */
@Page
class BookPage {

    static final int PER_PAGE = 25;
    static final int RENEWALS_DAYS = 120;
    /** The {@code csm} value for the whole team. */
    static final String TEAM = "all";
    /** The team's overdue tasks shown at most; the rest are a click away in each person's inbox. */
    static final int OVERDUE_SHOWN = 500;
    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final BookOfBusiness book;
    private final PersonTimeZones zones;
    private final Inbox inbox;

    BookPage(BookOfBusiness book, PersonTimeZones zones, Inbox inbox) {
        this.book = book;
        this.zones = zones;
        this.inbox = inbox;
    }

    @GetMapping("/accounts")
    String book(HttpServletRequest request, @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String dir, @RequestParam(defaultValue = "1") int page,
                @RequestParam(required = false) String csm, @RequestParam(defaultValue = "all") String view, Model model) {
        Viewer viewer = Viewer.of(request);
        ZonedTimes times = zones.timesOf(viewer.email());
        String whose = whose(viewer, csm);
        List<String> problems = new ArrayList<>();
        BookView shown = read(problems, () -> BookView.parse(view), BookView.ALL);
        BookSort by = sort == null || sort.isBlank() ? (shown == BookView.RENEWALS ? BookSort.RENEWAL : BookSort.NAME)
                : read(problems, () -> BookSort.parse("sort", sort), BookSort.NAME);
        boolean descending = dir == null || dir.isBlank() ? by.descendingFirst() : "desc".equalsIgnoreCase(dir.strip());
        int current = Math.max(page, 1);
        LocalDate today = times.now().atZone(times.zone()).toLocalDate();
        BookQuery query = new BookQuery(TEAM.equals(whose) ? null : whose, q,
                shown == BookView.RENEWALS ? today : null, shown == BookView.RENEWALS ? today.plusDays(RENEWALS_DAYS) : null,
                by, descending, (current - 1) * PER_PAGE, PER_PAGE);
        dev.tenure.engine.book.BookPage found = book.page(query, times.now());

        Map<String, String> state = new LinkedHashMap<>();
        state.put("view", shown == BookView.ALL ? null : shown.key());
        state.put("csm", viewer.seesEverything() ? whose : null);
        state.put("q", query.search());
        state.put("sort", by.key());
        state.put("dir", descending ? "desc" : "asc");
        model.addAttribute("viewer", viewer);
        model.addAttribute("times", times);
        model.addAttribute("view", shown.key());
        model.addAttribute("whose", whose);
        model.addAttribute("team", TEAM.equals(whose));
        model.addAttribute("csms", viewer.seesEverything() ? book.csms() : List.of());
        model.addAttribute("search", query.search() == null ? "" : query.search());
        model.addAttribute("rows", found.entries().stream().map(e -> row(e, today, times)).toList());
        model.addAttribute("total", found.total());
        model.addAttribute("first", found.entries().isEmpty() ? 0 : query.offset() + 1);
        model.addAttribute("last", query.offset() + found.entries().size());
        model.addAttribute("page", current);
        model.addAttribute("previous", current > 1 ? link(state, "page", String.valueOf(current - 1)) : null);
        model.addAttribute("next", query.offset() + found.entries().size() < found.total() ? link(state, "page", String.valueOf(current + 1)) : null);
        model.addAttribute("sorts", sorts(state, by, descending));
        model.addAttribute("allLink", link(state, "view", null));
        model.addAttribute("renewalsLink", link(withoutSort(state), "view", BookView.RENEWALS.key()));
        model.addAttribute("renewalsDays", RENEWALS_DAYS);
        if (!problems.isEmpty()) {
            model.addAttribute("problem", String.join("; ", problems));
        }
        return "book/book";
    }

    /** CS ops' view of every CSM's overdue tasks, the longest overdue first, with a count by person. */
    @GetMapping("/accounts/team/overdue")
    String overdue(HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        ZonedTimes times = zones.timesOf(viewer.email());
        List<Task> overdue = inbox.list(new TaskQuery(null, null, TaskStatus.OPEN, times.now(), OVERDUE_SHOWN + 1)).stream()
                .filter(t -> t.overdueAt(times.now())).toList();
        Map<String, Long> byOwner = new LinkedHashMap<>();
        overdue.stream().limit(OVERDUE_SHOWN).map(Task::owner).sorted().forEach(o -> byOwner.merge(o, 1L, Long::sum));
        model.addAttribute("viewer", viewer);
        model.addAttribute("times", times);
        model.addAttribute("tasks", overdue.stream().limit(OVERDUE_SHOWN).toList());
        model.addAttribute("more", overdue.size() > OVERDUE_SHOWN);
        model.addAttribute("byOwner", byOwner);
        return "book/overdue";
    }

    /** Whose book: a CSM's own (asking for another's is refused); CS ops pick anyone's or the team's, the team's by default. */
    private static String whose(Viewer viewer, String csm) {
        String asked = csm == null || csm.isBlank() ? null : csm.strip().toLowerCase(Locale.ROOT);
        if (viewer.seesEverything()) {
            return asked == null ? TEAM : asked;
        }
        if (asked != null && !asked.equals(viewer.email())) {
            throw new ForbiddenPageException("The accounts of " + asked + " are another CSM's book.");
        }
        return viewer.email();
    }

    private static BookRow row(BookEntry e, LocalDate today, ZonedTimes times) {
        String renewal = "";
        if (e.account().renewalOn() != null) {
            long days = ChronoUnit.DAYS.between(today, e.account().renewalOn());
            renewal = days == 0 ? "today" : days > 0 ? "in " + days + (days == 1 ? " day" : " days")
                    : -days + (days == -1 ? " day ago" : " days ago");
        }
        // A day: usage is known by the day, and the hour of the last ticket matters little in a list.
        return new BookRow(e, renewal, e.lastActivity() == null ? "never" : DAY.format(e.lastActivity().atZone(times.zone())));
    }

    private List<SortLink> sorts(Map<String, String> state, BookSort by, boolean descending) {
        return Arrays.stream(BookSort.values()).map(s -> {
            boolean current = s == by;
            // A click on the column sorted by now turns it round; on another, sorts it the way it is read first.
            boolean desc = current ? !descending : s.descendingFirst();
            Map<String, String> next = new LinkedHashMap<>(state);
            next.put("sort", s.key());
            next.put("dir", desc ? "desc" : "asc");
            next.remove("page");
            return new SortLink(s.key(), label(s), link(next, "page", null),
                    current ? (descending ? "descending" : "ascending") : null);
        }).toList();
    }

    private static String label(BookSort s) {
        return switch (s) {
            case NAME -> "Account";
            case HEALTH -> "Health";
            case ARR -> "ARR";
            case RENEWAL -> "Renewal";
            case ACTIVITY -> "Last activity";
        };
    }

    private static Map<String, String> withoutSort(Map<String, String> state) {
        Map<String, String> copy = new LinkedHashMap<>(state);
        copy.remove("sort");
        copy.remove("dir");
        return copy;
    }

    /** The book's address with this state and one parameter set (or removed, for null); page 1 is left out. */
    private static String link(Map<String, String> state, String name, String value) {
        Map<String, String> params = new LinkedHashMap<>(state);
        params.put(name, value);
        if (!"page".equals(name)) {
            params.remove("page");
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/accounts");
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                uri.queryParam(k, v);
            }
        });
        return uri.build().encode().toUriString();
    }

    private static <T> T read(List<String> problems, java.util.function.Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }
}
