package dev.tenure.api.people;

import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What admins do in the pages (only admins reach {@code /admin/**}: SecurityConfiguration's URL rule): add
 * people, change their roles, deactivate and reactivate them; issue API tokens (each shown once, on the
 * answer to the form, never stored or shown again) and revoke them. A fresh install's first admin signs in
 * and issues the first token here.
 */
@Page
@RequestMapping("/admin")
class PeoplePages {

    private final People people;
    private final ApiTokens tokens;
    private final PeopleForms forms;

    PeoplePages(People people, ApiTokens tokens, PeopleForms forms) {
        this.people = people;
        this.tokens = tokens;
        this.forms = forms;
    }

    @GetMapping("/people")
    String people(HttpServletRequest request, Model model) {
        model.addAttribute("viewer", Viewer.of(request));
        model.addAttribute("people", people.list());
        model.addAttribute("roles", Role.values());
        return "people/people";
    }

    @PostMapping("/people")
    String add(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String displayName,
               @RequestParam(defaultValue = "") String password, @RequestParam(name = "role", required = false) List<String> roles,
               RedirectAttributes flash) {
        try {
            UserController.NewUser form = new UserController.NewUser(email.strip(), displayName.strip(), password, roles(roles));
            String problem = forms.problems(form);
            if (problem != null) {
                flash.addFlashAttribute("problem", "Nobody was added. " + problem);
            } else {
                Person added = people.create(new People.NewPerson(form.email(), form.displayName(), form.password(), form.roles()));
                flash.addFlashAttribute("notice", "Added " + added.email() + " (" + names(added.roles())
                        + "). Tell them their first password; they change it on their profile page.");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("problem", "Nobody was added. " + e.getMessage());
        }
        return "redirect:/admin/people";
    }

    @PostMapping("/people/{id}/roles")
    String roles(@PathVariable long id, @RequestParam(name = "role", required = false) List<String> roles, RedirectAttributes flash) {
        try {
            Person changed = people.changeRoles(id, roles(roles));
            flash.addFlashAttribute("notice", changed.email() + " now has the roles " + names(changed.roles()) + ".");
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("problem", "Roles not changed. " + e.getMessage());
        }
        return "redirect:/admin/people";
    }

    @PostMapping("/people/{id}/deactivate")
    String deactivate(@PathVariable long id, RedirectAttributes flash) {
        return enabled(id, false, flash);
    }

    @PostMapping("/people/{id}/reactivate")
    String reactivate(@PathVariable long id, RedirectAttributes flash) {
        return enabled(id, true, flash);
    }

    private String enabled(long id, boolean enabled, RedirectAttributes flash) {
        try {
            Person changed = people.changeEnabled(id, enabled);
            flash.addFlashAttribute("notice", enabled
                    ? changed.email() + " is active again: they can sign in, and their API tokens that were not revoked work again."
                    : changed.email() + " is deactivated: they cannot sign in, are signed out at their next click, and their API tokens stop working.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("problem", (enabled ? "Not reactivated. " : "Not deactivated. ") + e.getMessage());
        }
        return "redirect:/admin/people";
    }

    @GetMapping("/tokens")
    String tokens(HttpServletRequest request, Model model) {
        return tokensPage(Viewer.of(request), model);
    }

    /** The token is on this answer only: not in a redirect, not in the session, never again. */
    @PostMapping("/tokens")
    String issue(HttpServletRequest request, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String owner,
                 Model model) {
        Viewer viewer = Viewer.of(request);
        String whose = owner.isBlank() ? viewer.email() : owner.strip();
        if (name.isBlank()) {
            model.addAttribute("problem", "No token was issued. name: say what the token is for (\"reporting\", \"dana's laptop\")");
        } else if (people.find(whose).filter(Person::enabled).isEmpty()) {
            model.addAttribute("problem", "No token was issued. owner: " + whose + " is nobody active in Tenure");
        } else {
            try {
                model.addAttribute("issued", tokens.issue(name.strip(), whose));
            } catch (IllegalArgumentException e) {
                model.addAttribute("problem", "No token was issued. " + e.getMessage());
            }
        }
        return tokensPage(viewer, model);
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes flash) {
        if (tokens.revoke(id)) {
            flash.addFlashAttribute("notice", "Token " + id + " is revoked: the next call with it is refused.");
        } else {
            flash.addFlashAttribute("problem", "Token " + id + " does not exist.");
        }
        return "redirect:/admin/tokens";
    }

    private String tokensPage(Viewer viewer, Model model) {
        model.addAttribute("viewer", viewer);
        List<ApiTokens.TokenInfo> newestFirst = new ArrayList<>(tokens.list());
        Collections.reverse(newestFirst);
        model.addAttribute("tokens", newestFirst);
        model.addAttribute("people", people.list().stream().filter(Person::enabled).toList());
        return "people/tokens";
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("roles: '" + name + "' is not a role (" + Arrays.toString(Role.values()) + ")");
            }
        }
        return roles;
    }

    private static String names(Set<Role> roles) {
        return String.join(", ", roles.stream().sorted().map(Role::name).toList());
    }
}
