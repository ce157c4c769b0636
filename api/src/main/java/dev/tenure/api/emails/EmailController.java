package dev.tenure.api.emails;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.engine.mail.Emails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The email log: every email written, sent or kept, with why. */
@Tag(name = "Emails", description = "The email log: every email written, sent, kept or failed, with the rule that wrote it (CS ops, admins).")
@RestController
@RequestMapping("/api/emails")
class EmailController {

    private final Emails emails;

    EmailController(Emails emails) {
        this.emails = emails;
    }

    @Operation(summary = "List emails, newest first")
    @GetMapping
    ApiPage<EmailView> list(@RequestParam(required = false) String accountId, @ParameterObject PageQuery paging) {
        return ApiPage.of(emails.list(accountId, paging.size(), paging.offset()), emails.count(accountId), paging).map(EmailView::of);
    }

    @Operation(summary = "Read one email")
    @GetMapping("/{id}")
    EmailView get(@PathVariable long id) {
        return emails.find(id).map(EmailView::of).orElseThrow(() -> new NotFoundException("email " + id));
    }
}
