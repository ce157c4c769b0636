package dev.tenure.api.plays;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.schedule.PlayRunControl;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Play runs with their steps and why they started; a CSM can pause, resume or cancel one of their
 * accounts' runs. Who did it, on the timeline, is the signed-in person.
 */
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

    /** For a CSM without {@code accountId}: the runs of their accounts among the latest 1000. */
    @GetMapping
    List<PlayRunView> list(@RequestParam(required = false) String accountId, @RequestParam(required = false) String status,
                           @RequestParam(defaultValue = "100") int limit) {
        int bounded = Math.min(Math.max(limit, 1), 1000);
        if (accountId != null) {
            visibility.requireAccount(accountId);
        }
        if (accountId != null || visibility.seesEverything()) {
            return runs.list(accountId, status, bounded);
        }
        return runs.list(null, status, 1000).stream().filter(run -> visibility.maySeeAccount(run.accountId())).limit(bounded).toList();
    }

    @GetMapping("/{id}")
    PlayRunView get(@PathVariable long id) {
        PlayRunView run = runs.find(id).orElseThrow(() -> new NotFoundException("play run " + id));
        visibility.requireAccount(run.accountId());
        return run;
    }

    /** An unknown run is left to the control, which answers 404 in its own words. */
    private void requireVisible(long id) {
        runs.find(id).ifPresent(run -> visibility.requireAccount(run.accountId()));
    }

    /** Its scheduled steps wait until it is resumed; 409 unless the run is RUNNING. */
    @PostMapping("/{id}/pause")
    PlayRunView pause(@PathVariable long id) {
        requireVisible(id);
        control.pause(id, visibility.actor());
        return get(id);
    }

    /** Its remaining steps move later by as long as it was paused; 409 unless the run is PAUSED. */
    @PostMapping("/{id}/resume")
    PlayRunView resume(@PathVariable long id) {
        requireVisible(id);
        control.resume(id, visibility.actor());
        return get(id);
    }

    /** Its remaining steps are cancelled; 409 unless the run is RUNNING or PAUSED. */
    @PostMapping("/{id}/cancel")
    PlayRunView cancel(@PathVariable long id) {
        requireVisible(id);
        control.cancel(id, visibility.actor());
        return get(id);
    }
}
