package dev.tenure.api.plays;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.schedule.PlayRunControl;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Play runs with their steps and why they started; a CSM can pause, resume or cancel one. Who did it comes
 * from the {@code X-Tenure-User} header until the API has sign-in.
 */
@RestController
@RequestMapping("/api/plays")
class PlayController {

    private static final String USER = "X-Tenure-User";

    private final PlayRuns runs;
    private final PlayRunControl control;

    PlayController(PlayRuns runs, PlayRunControl control) {
        this.runs = runs;
        this.control = control;
    }

    @GetMapping
    List<PlayRunView> list(@RequestParam(required = false) String accountId, @RequestParam(required = false) String status,
                           @RequestParam(defaultValue = "100") int limit) {
        return runs.list(accountId, status, Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping("/{id}")
    PlayRunView get(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("play run " + id));
    }

    /** Its scheduled steps wait until it is resumed; 409 unless the run is RUNNING. */
    @PostMapping("/{id}/pause")
    PlayRunView pause(@PathVariable long id, @RequestHeader(value = USER, defaultValue = "api") String user) {
        control.pause(id, user);
        return get(id);
    }

    /** Its remaining steps move later by as long as it was paused; 409 unless the run is PAUSED. */
    @PostMapping("/{id}/resume")
    PlayRunView resume(@PathVariable long id, @RequestHeader(value = USER, defaultValue = "api") String user) {
        control.resume(id, user);
        return get(id);
    }

    /** Its remaining steps are cancelled; 409 unless the run is RUNNING or PAUSED. */
    @PostMapping("/{id}/cancel")
    PlayRunView cancel(@PathVariable long id, @RequestHeader(value = USER, defaultValue = "api") String user) {
        control.cancel(id, user);
        return get(id);
    }
}
