package dev.tenure.api.health;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A bad report parameter as an RFC 9457 problem naming the parameter. */
@RestControllerAdvice(assignableTypes = HealthController.class)
class HealthProblems {

    @ExceptionHandler(BadParameterException.class)
    ProblemDetail badParameter(BadParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad query parameter");
        problem.setProperty("parameter", e.parameter());
        return problem;
    }
}
