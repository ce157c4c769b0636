package dev.tenure.api.unsubscribe;

import dev.tenure.engine.guardrails.InvalidUnsubscribeLinkException;
import dev.tenure.engine.guardrails.UnsubscribeLinks;
import dev.tenure.engine.guardrails.Unsubscribes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.time.Clock;

/**
 * The link in every tech-touch email, {@code /unsubscribe/{token}}. Without sign-in by design: the token
 * is signed, and names one address.
 * <p>
 * GET only shows a page with one button: mail security scanners and link previews fetch every link in
 * an email, and a GET that unsubscribed would unsubscribe people who never clicked. The POST (the button,
 * or a mail client's RFC 8058 one-click POST with the body {@code List-Unsubscribe=One-Click}) does it.
 */
@Controller
@RequestMapping("/unsubscribe/{token}")
class UnsubscribeController {

    private final UnsubscribeLinks links;
    private final Unsubscribes unsubscribes;
    private final Clock clock;

    UnsubscribeController(UnsubscribeLinks links, Unsubscribes unsubscribes, Clock clock) {
        this.links = links;
        this.unsubscribes = unsubscribes;
        this.clock = clock;
    }

    @GetMapping
    String confirm(@PathVariable String token, Model model) {
        UnsubscribeLinks.Unsubscriber who = links.verify(token).orElseThrow(InvalidUnsubscribeLinkException::new);
        model.addAttribute("address", who.address());
        return "unsubscribe/confirm";
    }

    @PostMapping
    String unsubscribe(@PathVariable String token, Model model) {
        model.addAttribute("address", unsubscribes.unsubscribe(token, clock.instant()).address());
        return "unsubscribe/done";
    }

    @ExceptionHandler(InvalidUnsubscribeLinkException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid() {
        return "unsubscribe/invalid";
    }
}
