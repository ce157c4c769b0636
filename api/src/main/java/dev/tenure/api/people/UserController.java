package dev.tenure.api.people;

import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

/** People who sign in: admins list and create them; everyone changes their own password. */
@Tag(name = "People", description = "People who sign in: admins list and add them; everyone reads themselves and changes their password.")
@RestController
@RequestMapping("/api/users")
class UserController {

    private final People people;
    private final Visibility visibility;

    UserController(People people, Visibility visibility) {
        this.people = people;
        this.visibility = visibility;
    }

    @Operation(summary = "List people")
    @GetMapping
    ApiPage<Person> list(@ParameterObject PageQuery paging) {
        return ApiPage.slice(people.list(), paging);
    }

    @Operation(summary = "Add a person")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Person create(@Valid @RequestBody NewUser body) {
        return people.create(new People.NewPerson(body.email(), body.displayName(), body.password(), body.roles()));
    }

    @Operation(summary = "Who is calling")
    @GetMapping("/me")
    Person me() {
        return people.find(visibility.actor()).orElseThrow();
    }

    @Operation(summary = "Change your password")
    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@Valid @RequestBody PasswordChange body) {
        if (!people.changePassword(visibility.actor(), body.current(), body.replacement())) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "current: not your current password"), null);
        }
    }

    /** A user to create: the email is the login; at least one role; an initial password of 12 or more characters. */
    record NewUser(@NotBlank @Email String email, @NotBlank String displayName,
                   @NotBlank @Size(min = 12, max = 200) String password, @NotEmpty Set<Role> roles) {
    }

    record PasswordChange(@NotBlank String current, @NotBlank @Size(min = 12, max = 200) String replacement) {
    }
}
