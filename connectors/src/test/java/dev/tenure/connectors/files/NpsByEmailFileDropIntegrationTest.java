package dev.tenure.connectors.files;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An NPS export from a survey tool: the respondent's email, no account id. */
class NpsByEmailFileDropIntegrationTest extends ConnectorsIntegrationTest {

    @Autowired
    FileDropProperties properties;

    @Test
    void givenAnNpsCsvWithOnlyRespondentEmails_thenKnownRespondentsLandOnTheirAccountAndAnUnknownOneIsADeadLetter()
            throws IOException {
        TestData acme = TestData.account("Acme", Segment.TECH_TOUCH).contact(ContactRole.CHAMPION);
        intake.accept(acme.batch());
        String champion = "champion@" + acme.id() + ".test";
        String file = "nps-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";

        drop(file, """
                eventId,occurredAt,contactEmail,score,comment
                %1$s-n1,2026-11-01,%2$s,4,"Slow, again"
                %1$s-n2,2026-11-01,nobody@%1$s.test,9,
                """.formatted(acme.id(), champion.toUpperCase()));

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(properties.inboxPath().resolve("done").resolve(file)));
        assertThat(signalsOf(acme.id())).containsExactly(acme.id() + "-n1");
        assertThat(deadLettersFrom(file)).singleElement().satisfies(letter -> {
            assertThat(letter.line()).isEqualTo(3);
            assertThat(letter.reason()).startsWith("contactEmail: 'nobody@" + acme.id() + ".test' is no contact's email");
        });
    }

    private void drop(String name, String content) throws IOException {
        Files.createDirectories(properties.inboxPath());
        Path staged = Files.writeString(properties.inboxPath().resolveSibling(name + ".staged"), content, StandardCharsets.UTF_8);
        Files.move(staged, properties.inboxPath().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
