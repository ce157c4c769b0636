package dev.tenure.api.ops;

import dev.tenure.api.pages.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;

/** The CS ops pages are for CS ops and admins; each puts its viewer on the page for the header. */
final class OpsViewer {

    private OpsViewer() {
    }

    static Viewer require(HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        viewer.requireOps();
        model.addAttribute("viewer", viewer);
        return viewer;
    }
}
