package dev.tenure.api.ops;

import dev.tenure.api.pages.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;

/** Each CS ops page puts its viewer on the page for the header (who may open them: SecurityConfiguration's URL rules). */
final class OpsViewer {

    private OpsViewer() {
    }

    static Viewer require(HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        model.addAttribute("viewer", viewer);
        return viewer;
    }
}
