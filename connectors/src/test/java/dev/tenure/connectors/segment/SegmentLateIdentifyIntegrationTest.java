package dev.tenure.connectors.segment;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * An identify says who a person is and their name, nothing of their role or whether they are active. Delivered late,
 * after a contacts file made the champion inactive, it must not tell the contact's history that the champion became
 * inactive at the identify's own, earlier, time: a backtest would see the champion leave then, and twice.
 */
class SegmentLateIdentifyIntegrationTest extends ConnectorsIntegrationTest {

    @Autowired
    SegmentSource segment;

    @Test
    void anIdentifyStampedBeforeAContactsFileMadeTheChampionInactive_recordsNoChangeOfRoleOrActivityAtItsTime() {
        TestData acme = TestData.account("Segment Late Identify", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        String a = acme.id();
        String email = "champion@" + a + ".test";
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("contacts.csv line 2",
                new Contact(a, email, "Pat Champion", ContactRole.CHAMPION, null, false, false))), List.of()));
        String anHourAgo = TestClock.now().minus(Duration.ofHours(1)).toString();

        segment.receive(null, """
                {"batch": [
                  {"type": "group", "messageId": "%1$s-g1", "userId": "%1$s-user", "groupId": "%1$s", "timestamp": "%2$s"},
                  {"type": "identify", "messageId": "%1$s-i1", "userId": "%1$s-user", "timestamp": "%2$s",
                   "traits": {"email": "%3$s", "name": "Pat Champion"}}
                ]}""".formatted(a, anHourAgo, email));

        assertThat(jdbc.sql("SELECT change, cause FROM contact_change WHERE account_id = ? AND email = ? ORDER BY id")
                .params(a, email).query((rs, n) -> tuple(rs.getString(1), rs.getString(2))).list())
                .as("the file made the champion inactive; the identify said nothing of it")
                .containsExactly(tuple("ADDED", "contact " + email), tuple("BECAME_INACTIVE", "contacts.csv line 2"));
    }
}
