package dev.tenure.api.people;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Creates the first admin from {@code tenure.admin.*} when nobody can sign in yet. Only then: once
 * someone exists, changing the configured password changes nothing, so a password an admin changed
 * is not reset by the next restart.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@EnableConfigurationProperties(AdminProperties.class)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final People people;
    private final AdminProperties admin;

    FirstAdmin(People people, AdminProperties admin) {
        this.people = people;
        this.admin = admin;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (people.count() > 0) {
            return;
        }
        if (!admin.given()) {
            if (args.containsOption("demo")) {
                return; // the demo brings its own people (demo.DemoPeople)
            }
            log.warn("Nobody can sign in yet: set tenure.admin.email and tenure.admin.password (TENURE_ADMIN_EMAIL, "
                    + "TENURE_ADMIN_PASSWORD) to create the first admin at the next start");
            return;
        }
        people.create(new People.NewPerson(admin.email(), admin.displayName(), admin.password(), Set.of(Role.ADMIN)));
        log.info("First admin {} created from tenure.admin.email", People.normalize(admin.email()));
    }
}
