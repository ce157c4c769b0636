package dev.tenure.api.pages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The pages' answers when a viewer may not look: a page, not an RFC 9457 body (that is for the REST API).
 * Ordered before the API's advice and limited to the page controllers, marked with {@link Page}. Addresses
 * no controller serves, and refusals by the URL rules, are {@link ErrorPages}'.
 */
@ControllerAdvice(annotations = Page.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(NotSignedInException.class)
    @ResponseStatus(HttpStatus.UNAUTHORIZED)
    String notSignedIn() {
        return "pages/not-signed-in";
    }

    @ExceptionHandler(ForbiddenPageException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(ForbiddenPageException e, HttpServletRequest request, Model model) {
        Viewer.signedIn(request).ifPresent(viewer -> model.addAttribute("viewer", viewer));
        model.addAttribute("message", e.getMessage());
        return "pages/forbidden";
    }

    @ExceptionHandler(PageNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(PageNotFoundException e, HttpServletRequest request, Model model) {
        Viewer.signedIn(request).ifPresent(viewer -> model.addAttribute("viewer", viewer));
        model.addAttribute("message", e.getMessage());
        return "pages/not-found";
    }
}
