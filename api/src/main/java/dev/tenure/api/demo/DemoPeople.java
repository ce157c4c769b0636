package dev.tenure.api.demo;

import dev.tenure.api.people.ApiTokens;
import dev.tenure.api.people.People;
import dev.tenure.api.people.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * With {@code --demo}, people a newcomer can sign in as: the demo's four CSMs and a CS ops person who is
 * also admin, all with one known password, and a fresh API token for the ops person at every start (the
 * previous demo token is revoked: only a token's hash is stored, so an old one cannot be shown again).
 * Demo only: a real installation starts from {@code tenure.admin.*}.
 */
@Component
class DemoPeople implements ApplicationRunner {

    static final String PASSWORD = "tenure-demo";
    static final String OPS = "ops@tenure.example";
    private static final String TOKEN_NAME = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoPeople.class);

    private final People people;
    private final ApiTokens tokens;

    DemoPeople(People people, ApiTokens tokens) {
        this.people = people;
        this.tokens = tokens;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo")) {
            return;
        }
        for (String csm : DemoAccounts.CSMS) {
            createIfAbsent(csm, Set.of(Role.CSM));
        }
        createIfAbsent(OPS, Set.of(Role.CS_OPS, Role.ADMIN));
        tokens.list().stream().filter(t -> t.name().equals(TOKEN_NAME) && t.owner().equals(OPS) && !t.revoked())
                .forEach(t -> tokens.revoke(t.id()));
        String token = tokens.issue(TOKEN_NAME, OPS).token();
        log.warn("""
                DEMO ONLY — sign-ins with a published password; never use --demo with real data.
                  Pages: sign in at /login as {} (CS ops and admin) or as a CSM: {}; password "{}".
                  API:   export TENURE_TOKEN={}   then curl -H "Authorization: Bearer $TENURE_TOKEN" ...
                         (a token for {}, replaced at every demo start)""",
                OPS, String.join(", ", DemoAccounts.CSMS), PASSWORD, token, OPS);
    }

    private void createIfAbsent(String email, Set<Role> roles) {
        if (people.find(email).isEmpty()) {
            people.create(new People.NewPerson(email, displayName(email), PASSWORD, roles));
        }
    }

    /** "dana.reyes@tenure.example" → "Dana Reyes". */
    static String displayName(String email) {
        return Arrays.stream(email.substring(0, email.indexOf('@')).split("[._-]"))
                .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
                .collect(Collectors.joining(" "));
    }
}
