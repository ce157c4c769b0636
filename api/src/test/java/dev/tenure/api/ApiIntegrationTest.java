package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.ApiTokens;
import dev.tenure.api.people.People;
import dev.tenure.api.people.Role;
import dev.tenure.engine.intake.Intake;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Set;

/**
 * The whole application on a random port; every API test shares this one Spring context. {@link #http}
 * calls as an admin (a real token issued through the real services), {@link #as} as anyone else,
 * {@link #anonymous} as nobody. Page tests use {@link MockMvc} on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
abstract class ApiIntegrationTest {

    static final String ADMIN = "admin@tenure.test";
    static final String SOURCE_SECRET = "test-source-secret";
    static final String PASSWORD = "a-password-for-tests";

    @Autowired
    Intake intake;
    @Autowired
    MockMvc mvc;
    @Autowired
    People people;
    @Autowired
    ApiTokens tokens;
    @Autowired
    RestTemplateBuilder restTemplates;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    TestRestTemplate http;
    TestRestTemplate anonymous;

    @BeforeEach
    void signInAsAdmin() {
        http = as(ADMIN, Role.ADMIN);
        anonymous = new TestRestTemplate(restTemplates.rootUri("http://localhost:" + port));
    }

    /** Calls with a fresh token of this person, created with these roles on first use. */
    TestRestTemplate as(String email, Role... roles) {
        ensurePerson(email, roles);
        return withToken(tokens.issue("test", email).token());
    }

    TestRestTemplate withToken(String token) {
        return new TestRestTemplate(restTemplates.rootUri("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    /** Accounts with a play running, started by a rule or directly. */
    PlayFixtures plays() {
        return new PlayFixtures(context);
    }

    void ensurePerson(String email, Role... roles) {
        if (people.find(email).isEmpty()) {
            people.create(new People.NewPerson(email, email, PASSWORD, Set.of(roles)));
        }
    }

    /** A JSON POST as an admin; to a webhook it carries the source's secret, as a source would. */
    ResponseEntity<JsonNode> post(String path, String json) {
        return post(http, path, json);
    }

    ResponseEntity<JsonNode> post(TestRestTemplate caller, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (path.startsWith("/api/webhooks/")) {
            headers.set("X-Tenure-Source-Secret", SOURCE_SECRET);
        }
        return caller.postForEntity(path, new HttpEntity<>(json, headers), JsonNode.class);
    }

    JsonNode get(String path) {
        return http.getForObject(path, JsonNode.class);
    }

    /** The items of one page of a REST list (every list is paged: {@code items}, {@code total}, the next page). */
    JsonNode items(String path) {
        return get(path).path("items");
    }
}
