package dev.tenure.api.people;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttribute;

/**
 * The sign-in page for the browser pages; Spring Security handles the POST and the logout. After a refused
 * sign-in ({@code ?error}) it says why when the reason is safe to tell: too many failures, and until when.
 * Anything else is "wrong email or password", whichever of the two it was.
 */
@Controller
class LoginController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error,
                 @SessionAttribute(name = WebAttributes.AUTHENTICATION_EXCEPTION, required = false) AuthenticationException refusal,
                 Model model) {
        if (error != null && refusal instanceof TooManySignIns tooMany) {
            model.addAttribute("tooMany", tooMany.getMessage());
        }
        return "login";
    }
}
