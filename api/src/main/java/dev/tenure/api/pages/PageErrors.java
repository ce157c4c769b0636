package dev.tenure.api.pages;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.engine.plays.PlayRunNotFoundException;
import dev.tenure.engine.tasks.TaskNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The pages' answers when a viewer may not look, or asked for something that is not there or does not read (a
 * hand-edited address: a bad query parameter or id): a page with the site's header, not an RFC 9457 body (that
 * is for the REST API). Ordered before the API's advice and limited to the page controllers, marked with
 * {@link Page}; a page handler that can say more on its own page (a notice) catches the exception itself.
 * Addresses no controller serves, and refusals by the URL rules, are {@link ErrorPages}'.
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

    @ExceptionHandler({PageNotFoundException.class, NotFoundException.class, TaskNotFoundException.class,
            PlayRunNotFoundException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(RuntimeException e, HttpServletRequest request, Model model) {
        Viewer.signedIn(request).ifPresent(viewer -> model.addAttribute("viewer", viewer));
        model.addAttribute("message", e.getMessage());
        return "pages/not-found";
    }

    /** A parameter or id that does not read, or a request the page's service refused by name: the reason, on a page. */
    @ExceptionHandler({IllegalArgumentException.class, TypeMismatchException.class, MissingServletRequestParameterException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(Exception e, HttpServletRequest request, Model model) {
        Viewer.signedIn(request).ifPresent(viewer -> model.addAttribute("viewer", viewer));
        model.addAttribute("message", reason(e));
        model.addAttribute("status", HttpStatus.BAD_REQUEST.value());
        return "pages/error";
    }

    private static String reason(Exception e) {
        if (e instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName() : "a parameter";
            return name + ": '" + mismatch.getValue() + "' does not read as "
                    + (mismatch.getRequiredType() == null ? "expected" : article(mismatch.getRequiredType()));
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return missing.getParameterName() + ": missing";
        }
        return e.getMessage() == null ? "This request could not be read." : e.getMessage();
    }

    private static String article(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        return "a " + type.getSimpleName();
    }
}
