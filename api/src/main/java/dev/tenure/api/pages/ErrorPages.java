package dev.tenure.api.pages;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;
import java.net.URI;

/**
 * Every error nothing else answered (an address no controller serves, a page the URL rules refuse, a
 * failure) as a browser or an API client expects it: a page with the site's header (who is signed in,
 * sign-out) for a browser asking for HTML outside {@code /api} and {@code /actuator}; an RFC 9457
 * problem body for everyone else. Replaces Spring Boot's error controller, whose HTML is a bare
 * "Whitelabel" page and whose JSON is not a problem body.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorPages implements ErrorController {

    @RequestMapping
    Object error(HttpServletRequest request) {
        HttpStatus status = status(request);
        String path = originalPath(request);
        if (wantsPage(request, path)) {
            ModelAndView page = new ModelAndView(view(status), status);
            Viewer.signedIn(request).ifPresent(viewer -> page.addObject("viewer", viewer));
            page.addObject("message", pageMessage(status, path));
            page.addObject("status", status.value());
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, problemDetail(status, request.getMethod(), path));
        problem.setInstance(URI.create(path));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** HTML only when asked for by name: a browser's Accept lists text/html, curl's and API clients' do not. */
    static boolean wantsPage(HttpServletRequest request, String path) {
        String local = path.substring(Math.min(request.getContextPath().length(), path.length()));
        if (local.startsWith("/api/") || local.equals("/api") || local.startsWith("/actuator")) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> "text".equals(type.getType()) && "html".equals(type.getSubtype()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String view(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "pages/not-found";
            case FORBIDDEN -> "pages/forbidden";
            case UNAUTHORIZED -> "pages/not-signed-in";
            default -> "pages/error";
        };
    }

    private static String pageMessage(HttpStatus status, String path) {
        return switch (status) {
            case NOT_FOUND -> "There is no page at " + path + ".";
            case FORBIDDEN -> "Your roles do not let you open " + path + ".";
            case METHOD_NOT_ALLOWED -> path + " cannot be used that way: open it from its page.";
            default -> status.is5xxServerError()
                    ? "Tenure could not answer this request. Try again; if it keeps happening, the log says why."
                    : "Tenure could not answer this request (" + status.getReasonPhrase() + ").";
        };
    }

    private static String problemDetail(HttpStatus status, String method, String path) {
        return switch (status) {
            case NOT_FOUND -> "Nothing is at " + method + " " + path;
            case FORBIDDEN -> "Your roles do not allow " + method + " " + path;
            case METHOD_NOT_ALLOWED -> path + " does not take " + method;
            default -> status.is5xxServerError() ? "The request could not be completed" : status.getReasonPhrase();
        };
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || status.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String text ? text : request.getRequestURI();
    }

    /**
     * An address no controller and no static file serves, or one that does not take the request's method:
     * handed to the error page above, for browsers and API clients alike (before the API's own answer to
     * them, which would give a browser a problem body).
     */
    @ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class UnknownAddresses {

        @ExceptionHandler(NoResourceFoundException.class)
        ModelAndView unknown(HttpServletResponse response) throws IOException {
            response.sendError(HttpStatus.NOT_FOUND.value());
            return new ModelAndView();
        }

        /** A form's address opened as a page (a GET of what only takes a POST), or the like. */
        @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
        ModelAndView wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletResponse response) throws IOException {
            if (e.getSupportedHttpMethods() != null) {
                response.setHeader(HttpHeaders.ALLOW, String.join(", ", e.getSupportedHttpMethods().stream().map(HttpMethod::name).toList()));
            }
            response.sendError(HttpStatus.METHOD_NOT_ALLOWED.value());
            return new ModelAndView();
        }
    }
}
