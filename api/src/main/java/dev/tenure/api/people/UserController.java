package dev.tenure.api.people;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

/** People who sign in: admins list and create them; everyone changes their own password. */
@RestController
@RequestMapping("/api/users")
class UserController {

    private final People people;
    private final Visibility visibility;

    UserController(People people, Visibility visibility) {
        this.people = people;
        this.visibility = visibility;
    }

    @GetMapping
    List<Person> list() {
        return people.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Person create(@Valid @RequestBody NewUser body) {
        return people.create(new People.NewPerson(body.email(), body.displayName(), body.password(), body.roles()));
    }

    @GetMapping("/me")
    Person me() {
        return people.find(visibility.actor()).orElseThrow();
    }

    @PostMapping("/me/password")
    ResponseEntity<?> changePassword(@Valid @RequestBody PasswordChange body) {
        if (!people.changePassword(visibility.actor(), body.current(), body.replacement())) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "current: not your current password"));
        }
        return ResponseEntity.noContent().build();
    }

    /** A user to create: the email is the login; at least one role; an initial password of 12 or more characters. */
    record NewUser(@NotBlank @Email String email, @NotBlank String displayName,
                   @NotBlank @Size(min = 12, max = 200) String password, @NotEmpty Set<Role> roles) {
    }

    record PasswordChange(@NotBlank String current, @NotBlank @Size(min = 12, max = 200) String replacement) {
    }
}
