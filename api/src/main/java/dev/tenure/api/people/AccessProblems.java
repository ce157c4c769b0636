package dev.tenure.api.people;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;

/**
 * API calls without a valid token or session (401), without the role they need, or riding on the session
 * without its CSRF token (403), get an RFC 9457 problem body.
 */
@Component
class AccessProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    AccessProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, e.getMessage().startsWith("Full authentication")
                ? "Sign in: send Authorization: Bearer <token> (an admin issues tokens on the page /admin/tokens or with POST /api/tokens)"
                : e.getMessage());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        if (e instanceof CsrfException) {
            write(request, response, HttpStatus.FORBIDDEN, "A call signed in with the pages' session must send the page's CSRF "
                    + "token in the X-CSRF-TOKEN header (or send Authorization: Bearer <token> instead of the cookie)");
            return;
        }
        write(request, response, HttpStatus.FORBIDDEN, "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
