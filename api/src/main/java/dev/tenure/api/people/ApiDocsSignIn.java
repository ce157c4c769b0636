package dev.tenure.api.people;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The API docs are public, but every call needs a token: Swagger UI's "Authorize" button takes one. */
@Configuration
@OpenAPIDefinition(security = @SecurityRequirement(name = ApiDocsSignIn.BEARER))
@SecurityScheme(name = ApiDocsSignIn.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token an admin issued (POST /api/tokens)")
class ApiDocsSignIn {

    static final String BEARER = "bearer-token";
}
