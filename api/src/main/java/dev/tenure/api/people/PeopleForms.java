package dev.tenure.api.people;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pages' forms are checked against the API's own request records (their annotations hold the rules:
 * a 12-character password, an email, a role), so a page and an API call accept and refuse the same.
 */
@Component
class PeopleForms {

    private final Validator validator;

    PeopleForms(Validator validator) {
        this.validator = validator;
    }

    /** What is wrong with a form, field by field ("password: size must be between 12 and 200"), or null. */
    String problems(Object form) {
        Set<ConstraintViolation<Object>> violations = validator.validate(form);
        if (violations.isEmpty()) {
            return null;
        }
        return violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .collect(Collectors.joining("; "));
    }
}
