package dev.tenure.api.plays;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.schedule.PlayRunControl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Play runs with their steps and why they started; a CSM can pause, resume or cancel one of their
 * accounts' runs. Who did it, on the timeline, is the signed-in person.
 */
@Tag(name = "Play runs", description = "Play runs with their steps and why they started; pause, resume or cancel one.")
@RestController
@RequestMapping("/api/plays")
class PlayController {

    private final PlayRuns runs;
    private final PlayRunControl control;
    private final Visibility visibility;

    PlayController(PlayRuns runs, PlayRunControl control, Visibility visibility) {
        this.runs = runs;
        this.control = control;
        this.visibility = visibility;
    }

    /** The latest started first; for a CSM without {@code accountId}, the runs of their accounts. */
    @Operation(summary = "List play runs, the latest started first")
    @GetMapping
    ApiPage<RunView> list(@RequestParam(required = false) String accountId, @RequestParam(required = false) RunStatus status,
                              @ParameterObject PageQuery paging) {
        if (accountId != null) {
            visibility.requireAccount(accountId);
        }
        String csm = accountId != null || visibility.seesEverything() ? null : visibility.actor();
        return ApiPage.of(runs.list(accountId, csm, status, paging.size(), paging.offset()), runs.count(accountId, csm, status), paging)
                .map(RunView::of);
    }

    @Operation(summary = "Read one play run")
    @GetMapping("/{id}")
    RunView get(@PathVariable long id) {
        PlayRunView run = runs.find(id).orElseThrow(() -> new NotFoundException("play run " + id));
        visibility.requireAccount(run.accountId());
        return RunView.of(run);
    }

    /** An unknown run is left to the control, which answers 404 in its own words. */
    private void requireVisible(long id) {
        runs.find(id).ifPresent(run -> visibility.requireAccount(run.accountId()));
    }

    /** Its scheduled steps wait until it is resumed; 409 unless the run is RUNNING. */
    @Operation(summary = "Pause a play run")
    @PostMapping("/{id}/pause")
    RunView pause(@PathVariable long id) {
        requireVisible(id);
        control.pause(id, visibility.actor());
        return get(id);
    }

    /**
     * Its remaining steps move later by as long as it was paused; 409 unless the run is PAUSED and its account one the
     * play is for (not churned, for a play for customers), naming the account and why.
     */
    @Operation(summary = "Resume a paused play run")
    @PostMapping("/{id}/resume")
    RunView resume(@PathVariable long id) {
        requireVisible(id);
        control.resume(id, visibility.actor());
        return get(id);
    }

    /** Its remaining steps are cancelled; 409 unless the run is RUNNING or PAUSED. */
    @Operation(summary = "Cancel a play run")
    @PostMapping("/{id}/cancel")
    RunView cancel(@PathVariable long id) {
        requireVisible(id);
        control.cancel(id, visibility.actor());
        return get(id);
    }
}
