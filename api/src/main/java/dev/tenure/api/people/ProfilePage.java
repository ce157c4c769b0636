package dev.tenure.api.people;

import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's own page: who they are, their roles, and a new password (the current one
 * required, the same rules as {@code POST /api/users/me/password}).
 */
@Page
@RequestMapping("/profile")
class ProfilePage {

    private final People people;
    private final PeopleForms forms;

    ProfilePage(People people, PeopleForms forms) {
        this.people = people;
        this.forms = forms;
    }

    @GetMapping
    String profile(HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        model.addAttribute("viewer", viewer);
        model.addAttribute("person", people.find(viewer.email()).orElse(null));
        return "people/profile";
    }

    @PostMapping("/password")
    String changePassword(HttpServletRequest request, @RequestParam(defaultValue = "") String current,
                          @RequestParam(defaultValue = "") String replacement, @RequestParam(defaultValue = "") String repeat,
                          RedirectAttributes flash) {
        Viewer viewer = Viewer.of(request);
        String problem = forms.problems(new UserController.PasswordChange(current, replacement));
        if (problem == null && !replacement.equals(repeat)) {
            problem = "repeat: the new password and its repetition differ";
        }
        if (problem == null && !people.changePassword(viewer.email(), current, replacement)) {
            problem = "current: not your current password";
        }
        if (problem != null) {
            flash.addFlashAttribute("problem", "Password not changed. " + problem);
        } else {
            flash.addFlashAttribute("notice", "Your password is changed: use it at your next sign-in.");
        }
        return "redirect:/profile";
    }
}
