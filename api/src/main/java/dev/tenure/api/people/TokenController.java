package dev.tenure.api.people;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API tokens, admins only: issue one for a person (shown once), list them without secrets, revoke one. */
@Tag(name = "API tokens", description = "API tokens (admins): issue one for a person (shown once), list them without secrets, revoke one.")
@RestController
@RequestMapping("/api/tokens")
class TokenController {

    private final ApiTokens tokens;
    private final Visibility visibility;

    TokenController(ApiTokens tokens, Visibility visibility) {
        this.tokens = tokens;
        this.visibility = visibility;
    }

    /** {@code owner} defaults to the admin issuing it. */
    @Operation(summary = "Issue an API token")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiTokens.IssuedToken issue(@Valid @RequestBody NewToken body) {
        return tokens.issue(body.name(), body.owner() == null || body.owner().isBlank() ? visibility.actor() : body.owner());
    }

    @Operation(summary = "List API tokens")
    @GetMapping
    ApiPage<ApiTokens.TokenInfo> list(@ParameterObject PageQuery paging) {
        return ApiPage.slice(tokens.list(), paging);
    }

    @Operation(summary = "Revoke an API token")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable long id) {
        if (!tokens.revoke(id)) {
            throw new NotFoundException("token " + id);
        }
    }

    record NewToken(@NotBlank String name, String owner) {
    }
}
