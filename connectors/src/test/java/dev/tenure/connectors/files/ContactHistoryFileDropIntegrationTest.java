package dev.tenure.connectors.files;

import dev.tenure.connectors.ConnectorsIntegrationTest;
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
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A contacts CSV that changes a contact, through the real file route into the real engine: the change is kept
 * as dated history naming the file's line, it is on the account's timeline, and the rules see it as an event.
 */
class ContactHistoryFileDropIntegrationTest extends ConnectorsIntegrationTest {

    @Autowired
    FileDropProperties properties;

    @Test
    void givenAContactsCsvThatMarksTheOnlyChampionInactive_thenTheChangeIsHistoryOnTheTimelineAndTheChampionLeftPlayStarts()
            throws IOException {
        String acme = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String run = UUID.randomUUID().toString().substring(0, 8);
        drop("accounts-" + run + ".csv", """
                id,name,segment,stage,csm,arr,renewalOn,timezone
                %s,Acme,HIGH_TOUCH,VALUE,kim@tenure.example,120000,2027-09-30,Europe/Paris
                """.formatted(acme));
        drop("contacts-" + run + ".csv", """
                accountId,email,name,role,active
                %s,ana@acme.example,Ana Silva,CHAMPION,true
                """.formatted(acme));
        awaitDone("contacts-" + run + ".csv");

        drop("contacts-" + run + "-later.csv", """
                accountId,email,name,role,active
                %s,ana@acme.example,Ana Silva,CHAMPION,false
                """.formatted(acme));
        awaitDone("contacts-" + run + "-later.csv");

        assertThat(jdbc.sql("SELECT change, cause FROM contact_change WHERE account_id = ? ORDER BY id").param(acme)
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2))).list())
                .containsExactly(tuple("ADDED", "contacts-" + run + ".csv line 2"),
                        tuple("BECAME_INACTIVE", "contacts-" + run + "-later.csv line 2"));
        assertThat(jdbc.sql("SELECT type FROM timeline_entry WHERE account_id = ? ORDER BY id").param(acme).query(String.class).list())
                .contains("contact.added", "contact.became-inactive");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT play_id FROM play_run WHERE account_id = ?")
                .param(acme).query(String.class).list().contains("champion-left"));
    }

    private void drop(String name, String content) throws IOException {
        Files.createDirectories(properties.inboxPath());
        Path staged = Files.writeString(properties.inboxPath().resolveSibling(name + ".staged"), content, StandardCharsets.UTF_8);
        Files.move(staged, properties.inboxPath().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitDone(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(properties.inboxPath().resolve("done").resolve(name)));
    }
}
