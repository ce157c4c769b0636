package dev.tenure.api.digests;

import dev.tenure.api.people.Visibility;
import dev.tenure.engine.digests.Digest;
import dev.tenure.engine.digests.DigestRun;
import dev.tenure.engine.digests.Digests;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Weekly digests: CS ops can send this week's now (a CSM who already had it gets nothing twice); a CSM
 * reads their own digests only, CS ops anyone's.
 */
@RestController
@RequestMapping("/api/digests")
class DigestController {

    private final Digests digests;
    private final Visibility visibility;

    DigestController(Digests digests, Visibility visibility) {
        this.digests = digests;
        this.visibility = visibility;
    }

    @PostMapping("/send")
    DigestRun send() {
        return digests.sendWeekly();
    }

    @GetMapping
    List<Digest> list(@RequestParam(required = false) String csm, @RequestParam(defaultValue = "50") int limit) {
        return digests.list(visibility.narrowTo(csm, "digests").orElse(null), Math.min(Math.max(limit, 1), 500));
    }
}
