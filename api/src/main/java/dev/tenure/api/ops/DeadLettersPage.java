package dev.tenure.api.ops;

import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.TablePage;
import dev.tenure.api.pages.TableQuery;
import dev.tenure.api.pages.Viewer;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.connectors.deadletters.DeadLetterReplay;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetterRequest;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RejectedRecordsException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Refused records, grouped by the request that brought them (a webhook call, a chunk of a file, a poll),
 * searchable, sortable and paged in the database; a request's letters replayed one by one or all together,
 * with what became of each. Long records and reasons are cut short, the whole text one click away.
 */
@Page
@RequestMapping("/ops/dead-letters")
class DeadLettersPage {

    /** Letters shown per request; the rest are counted, and replayed with the request all the same. */
    static final int LETTERS_SHOWN = 10;
    /** Characters of a record or reason shown before the rest goes behind a disclosure. */
    static final int SHORT = 160;

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;
    private final PersonTimeZones zones;

    DeadLettersPage(DeadLetters deadLetters, DeadLetterReplay replay, PersonTimeZones zones) {
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.zones = zones;
    }

    /** A dead letter, whether it can be replayed from the page, and its texts cut short for the table. */
    record LetterRow(DeadLetter letter, boolean replayable, String shortRecord, String shortReason) {

        static LetterRow of(DeadLetter letter, boolean replayable) {
            return new LetterRow(letter, replayable, cut(letter.record()), cut(letter.reason()));
        }

        public boolean longRecord() {
            return letter.record().length() > SHORT;
        }

        public boolean longReason() {
            return letter.reason().length() > SHORT;
        }
    }

    /** A request and the first of its letters; {@code replayable} counts those a replay can still take. */
    record RequestGroup(DeadLetterRequest request, List<LetterRow> letters, long replayable) {

        public int hidden() {
            return request.letters() - letters.size();
        }
    }

    private static final List<String> SORTS = List.of("when", "source", "letters", "waiting");

    private static DeadLetterRequest.Order order(String sort) {
        return switch (sort) {
            case "source" -> DeadLetterRequest.Order.SOURCE;
            case "letters" -> DeadLetterRequest.Order.LETTERS;
            case "waiting" -> DeadLetterRequest.Order.WAITING;
            default -> DeadLetterRequest.Order.WHEN;
        };
    }

    @GetMapping
    String deadLetters(HttpServletRequest request, Model model) {
        Viewer viewer = OpsViewer.require(request, model);
        TableQuery asked = TableQuery.of(request, SORTS, true);
        long total = deadLetters.countRequests(asked.search());
        TableQuery query = asked.within(total);
        List<DeadLetterRequest> requests = deadLetters.requests(query.search(), order(query.sort()), query.descending(),
                query.size(), query.offset());
        Map<Long, List<DeadLetter>> letters = deadLetters.ofRequests(requests.stream().map(DeadLetterRequest::id).toList(),
                LETTERS_SHOWN).stream().collect(Collectors.groupingBy(DeadLetter::requestId));
        List<RequestGroup> groups = requests.stream().map(r -> {
            List<LetterRow> rows = letters.getOrDefault(r.id(), List.of()).stream()
                    .map(d -> LetterRow.of(d, replay.canReplay(d))).toList();
            long replayable = r.letters() > rows.size()
                    ? deadLetters.ofRequest(r.id()).stream().filter(replay::canReplay).count()
                    : rows.stream().filter(LetterRow::replayable).count();
            return new RequestGroup(r, rows, replayable);
        }).toList();
        model.addAttribute("requests", new TablePage<>(groups, total, query));
        model.addAttribute("times", zones.timesOf(viewer.email()));
        return "ops/dead-letters";
    }

    /** Sends a refused record through its source's route again; refused again, it is a new dead letter. */
    @PostMapping("/{id}/replay")
    String replay(HttpServletRequest request, @PathVariable long id, @RequestParam(required = false) String back,
                  RedirectAttributes flash) {
        try {
            IntakeResult result = replay.replay(id);
            flash.addFlashAttribute("notice", "Dead letter " + id + " replayed: " + result.accepted() + " accepted, "
                    + result.duplicates() + " already there.");
        } catch (RejectedRecordsException e) {
            flash.addFlashAttribute("problem", "Dead letter " + id + " was refused again (now a dead letter of its own): "
                    + e.getMessage());
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + backTo(back);
    }

    /**
     * Replays every letter of the chosen requests that can still be replayed, one by one (one refused again
     * does not stop the others), and says what became of them.
     */
    @PostMapping("/replay")
    String replayRequests(HttpServletRequest request, @RequestParam(name = "request", required = false) List<Long> requestIds,
                          @RequestParam(required = false) String back, RedirectAttributes flash) {
        if (requestIds == null || requestIds.isEmpty()) {
            flash.addFlashAttribute("problem", "Choose at least one request to replay.");
            return "redirect:" + backTo(back);
        }
        int replayed = 0;
        int accepted = 0;
        List<String> refused = new ArrayList<>();
        int skipped = 0;
        for (long requestId : requestIds.stream().distinct().toList()) {
            for (DeadLetter letter : deadLetters.ofRequest(requestId)) {
                if (!replay.canReplay(letter)) {
                    skipped += letter.replayedAt() == null ? 1 : 0;
                    continue;
                }
                try {
                    accepted += replay.replay(letter.id()).accepted();
                    replayed++;
                } catch (RejectedRecordsException | IllegalArgumentException e) {
                    refused.add(String.valueOf(letter.id()));
                }
            }
        }
        String summary = "Replayed " + replayed + " dead letter" + (replayed == 1 ? "" : "s") + " of " + requestIds.size()
                + " request" + (requestIds.size() == 1 ? "" : "s") + " (" + accepted + " record" + (accepted == 1 ? "" : "s")
                + " accepted)" + (skipped > 0 ? "; " + skipped + " cannot be replayed from here" : "") + ".";
        if (refused.isEmpty()) {
            flash.addFlashAttribute("notice", summary);
        } else {
            flash.addFlashAttribute("problem", summary + " Refused again, each now a dead letter of its own: "
                    + String.join(", ", refused) + ".");
        }
        return "redirect:" + backTo(back);
    }

    private static String cut(String text) {
        return text.length() <= SHORT ? text : text.substring(0, SHORT) + "…";
    }

    /** Back to the view the button was on, never to another site. */
    private static String backTo(String back) {
        return back != null && back.startsWith("/ops/dead-letters") ? back : "/ops/dead-letters";
    }
}
