package dev.tenure.connectors.webhooks;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Webhook requests through the real route into the real engine. */
class WebhookIntegrationTest extends ConnectorsIntegrationTest {

    @Autowired
    Webhooks webhooks;
    @Autowired
    ProducerTemplate producer;

    private static String usage(String eventId, String accountId) {
        return """
                {"eventId":"%s","accountId":"%s","occurredAt":"2026-11-01T10:00:00Z","feature":"core","quantity":5}"""
                .formatted(eventId, accountId);
    }

    /** Webhook dead letters all share one origin per kind; a test looks at those about its account. */
    private List<DeadLetter> deadLettersAbout(String kind, String text) {
        return deadLettersFrom("webhook/" + kind).stream().filter(d -> d.record().contains(text)).toList();
    }

    @Test
    void givenOneUsageEvent_thenTheRouteAnswersWithTheEnginesResult() {
        String acme = existingAccount("Acme");

        Object result = producer.requestBodyAndHeader(WebhookRoute.ENDPOINT, usage(acme + "-e1", acme),
                WebhookRoute.KIND, "usage");

        assertThat(result).isInstanceOf(IntakeResult.class);
        assertThat(((IntakeResult) result).accepted()).isEqualTo(1);
        assertThat(signalsOf(acme)).containsExactly(acme + "-e1");
    }

    @Test
    void givenTheSameEventTwice_thenTheSecondChangesNothing() {
        String acme = existingAccount("Acme");

        webhooks.receive("usage", usage(acme + "-e1", acme));
        IntakeResult again = webhooks.receive("usage", usage(acme + "-e1", acme));

        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(signalsOf(acme)).containsExactly(acme + "-e1");
    }

    @Test
    void givenABatchWithOneRecordForAnUnknownAccount_thenNothingIsStoredAndTheRequestIsOneDeadLetter() {
        String acme = existingAccount("Acme");
        String body = "[" + usage(acme + "-e1", acme) + "," + usage(acme + "-e2", acme + "-gone") + "]";

        RejectedRecordsException refused = catchThrowableOfType(RejectedRecordsException.class,
                () -> webhooks.receive("usage", body));

        assertThat(refused.errors()).containsExactly(new RecordError("usage[1] (event " + acme + "-e2)", "accountId",
                "unknown account '" + acme + "-gone'"));
        assertThat(signalsOf(acme)).isEmpty();
        assertThat(deadLettersAbout("usage", acme)).singleElement().satisfies(letter -> {
            assertThat(letter.source()).isEqualTo("webhook");
            assertThat(letter.record()).isEqualTo(body);
            assertThat(letter.reason()).isEqualTo(refused.getMessage());
        });
    }

    @Test
    void givenABatchWithOneBadField_thenNothingIsStoredAndTheFieldIsNamed() {
        String acme = existingAccount("Acme");
        String bad = usage(acme + "-e2", acme).replace("2026-11-01T10:00:00Z", "2026-11-31");
        String body = "[" + usage(acme + "-e1", acme) + "," + bad + "]";

        RejectedRecordsException refused = catchThrowableOfType(RejectedRecordsException.class,
                () -> webhooks.receive("usage", body));

        assertThat(refused.errors()).extracting(RecordError::record, RecordError::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("usage[1] (event " + acme + "-e2)", "occurredAt"));
        assertThat(signalsOf(acme)).isEmpty();
        assertThat(deadLettersAbout("usage", acme)).hasSize(1);
    }

    @Test
    void givenMalformedJson_thenTheCallerGetsJacksonsLineAndColumnAndTheBodyIsKept() {
        String marker = "malformed-" + System.nanoTime();
        String body = "{\"eventId\": \"" + marker + "\",\n \"accountId\": }";

        RejectedRecordsException refused = catchThrowableOfType(RejectedRecordsException.class,
                () -> webhooks.receive("usage", body));

        assertThat(refused.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo("body");
            assertThat(e.field()).isEqualTo("json");
            assertThat(e.message()).contains("line 2, column");
        });
        assertThat(deadLettersAbout("usage", marker)).extracting(DeadLetter::record).containsExactly(body);
    }

    @Test
    void givenAnUnknownKind_thenTheKnownKindsAreNamed() {
        assertThatThrownBy(() -> webhooks.receive("invoices", "{}"))
                .isInstanceOf(RejectedRecordsException.class)
                .hasMessageEndingWith("one of accounts, contacts, usage, tickets, billing, nps, csat");
    }

    @Test
    void theRouteItselfHandsTheRefusalToItsCaller() {
        assertThatThrownBy(() -> producer.requestBodyAndHeader(WebhookRoute.ENDPOINT, "[", WebhookRoute.KIND, "nps"))
                .isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(RejectedRecordsException.class);
    }
}
