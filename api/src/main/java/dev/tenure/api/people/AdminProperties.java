package dev.tenure.api.people;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin, created at start when no user exists yet: {@code tenure.admin.email} and
 * {@code tenure.admin.password} (give the password by environment variable, TENURE_ADMIN_PASSWORD).
 */
@ConfigurationProperties("tenure.admin")
record AdminProperties(String email, String password, String displayName) {

    AdminProperties {
        displayName = displayName == null || displayName.isBlank() ? "Administrator" : displayName;
    }

    boolean given() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }
}
