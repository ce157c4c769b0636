package dev.tenure.api.emails;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.engine.mail.Email;
import dev.tenure.engine.mail.Emails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The email log: every email written, sent or kept, with why. */
@RestController
@RequestMapping("/api/emails")
class EmailController {

    private final Emails emails;

    EmailController(Emails emails) {
        this.emails = emails;
    }

    @GetMapping
    List<Email> list(@RequestParam(required = false) String accountId, @RequestParam(defaultValue = "100") int limit) {
        return emails.list(accountId, Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping("/{id}")
    Email get(@PathVariable long id) {
        return emails.find(id).orElseThrow(() -> new NotFoundException("email " + id));
    }
}
