package dev.tenure.api.people;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page for the browser pages; Spring Security handles the POST and the logout. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
