package dev.tenure.api.people;

import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /logout}, an address people type or bookmark: a page with the sign-out button. Signing out is
 * a POST with the form's CSRF token (Spring Security's), so no link or image elsewhere can sign anyone out.
 */
@Page
class SignOutPage {

    @GetMapping("/logout")
    String signOut(HttpServletRequest request, Model model) {
        model.addAttribute("viewer", Viewer.of(request));
        return "people/sign-out";
    }
}
