package dev.tenure.api.digests;

import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.digests.Digests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Weekly digests: CS ops can send this week's now (a CSM who already had it gets nothing twice); a CSM
 * reads their own digests only, CS ops anyone's.
 */
@Tag(name = "Digests", description = "The CSMs' weekly digests of open and overdue tasks: send this week's, read those sent.")
@RestController
@RequestMapping("/api/digests")
class DigestController {

    private final Digests digests;
    private final Visibility visibility;

    DigestController(Digests digests, Visibility visibility) {
        this.digests = digests;
        this.visibility = visibility;
    }

    @Operation(summary = "Send this week's digests now")
    @PostMapping("/send")
    DigestViews.SendRun send() {
        return DigestViews.SendRun.of(digests.sendWeekly());
    }

    @Operation(summary = "List digests, newest first")
    @GetMapping
    ApiPage<DigestViews.DigestView> list(@RequestParam(required = false) String csm, @ParameterObject PageQuery paging) {
        String narrowed = visibility.narrowTo(csm, "digests").orElse(null);
        return ApiPage.of(digests.list(narrowed, paging.size(), paging.offset()), digests.count(narrowed), paging).map(DigestViews.DigestView::of);
    }
}
