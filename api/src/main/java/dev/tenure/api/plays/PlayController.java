package dev.tenure.api.plays;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Play runs with their steps and why they started. */
@RestController
@RequestMapping("/api/plays")
class PlayController {

    private final PlayRuns runs;

    PlayController(PlayRuns runs) {
        this.runs = runs;
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
}
