package dev.tenure.api.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The address people type (and where signing in lands) is the inbox, where a CSM's day starts. */
@Controller
class HomePage {

    @GetMapping("/")
    String home() {
        return "redirect:/inbox";
    }
}
