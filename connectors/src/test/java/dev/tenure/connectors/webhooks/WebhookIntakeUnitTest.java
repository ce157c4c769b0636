package dev.tenure.connectors.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.FakeIntake;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.vocabulary.Signal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class WebhookIntakeUnitTest {

    private final FakeIntake engine = new FakeIntake("ghost");
    private final WebhookIntake webhooks = new WebhookIntake(new RecordMapper(), engine, new ObjectMapper());

    private static String usage(String eventId, String accountId) {
        return "{\"eventId\":\"" + eventId + "\",\"accountId\":\"" + accountId
                + "\",\"occurredAt\":\"2026-11-01T10:00:00Z\",\"feature\":\"core\"}";
    }

    @Test
    void aSingleRecordIsLabelledByItsKindAndEvent() {
        IntakeResult result = webhooks.receive("usage", usage("e-1", "acme"));

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(engine.storedLabels()).containsExactly("usage (event e-1)");
        assertThat(engine.storedSignals()).extracting(Signal::source).containsExactly("webhook");
    }

    @Test
    void aBatchIsOneCallToTheEngineWithRecordsLabelledByPosition() {
        webhooks.receive("usage", "[" + usage("e-1", "acme") + "," + usage("e-2", "acme") + "]");

        assertThat(engine.calls()).isEqualTo(1);
        assertThat(engine.storedLabels()).containsExactly("usage[0] (event e-1)", "usage[1] (event e-2)");
    }

    @Test
    void givenABatchWithOneBadRecord_thenNothingReachesTheEngineAndEveryProblemIsNamed() {
        String body = "[" + usage("e-1", "acme") + ",{\"accountId\":\"acme\",\"occurredAt\":\"soon\",\"feature\":\"core\"}]";

        RejectedRecordsException refused = catchThrowableOfType(RejectedRecordsException.class,
                () -> webhooks.receive("usage", body));

        assertThat(engine.calls()).isZero();
        assertThat(refused.errors()).extracting(RecordError::record, RecordError::field)
                .containsExactly(tuple("usage[1]", "eventId"), tuple("usage[1]", "occurredAt"));
    }

    @Test
    void malformedJsonIsRefusedWithJacksonsLineAndColumn() {
        RejectedRecordsException refused = catchThrowableOfType(RejectedRecordsException.class,
                () -> webhooks.receive("usage", "{\n  \"eventId\": \"e-1\",,\n}"));

        assertThat(refused.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo("body");
            assertThat(e.field()).isEqualTo("json");
            assertThat(e.message()).startsWith("Unexpected character (',' ").endsWith("(line 2, column 20)");
        });
    }

    @Test
    void anUnknownKindIsRefusedNamingTheKnownOnes() {
        RejectedRecordsException refused = catchThrowableOfType(RejectedRecordsException.class,
                () -> webhooks.receive("invoices", usage("e-1", "acme")));

        assertThat(refused.errors()).containsExactly(new RecordError("request", "kind",
                "'invoices' is not a kind; one of accounts, contacts, usage, tickets, billing, nps, csat"));
    }

    @Test
    void theEnginesRefusalReachesTheCaller() {
        RejectedRecordsException refused = catchThrowableOfType(RejectedRecordsException.class,
                () -> webhooks.receive("usage", usage("e-1", "ghost")));

        assertThat(refused.errors()).containsExactly(
                new RecordError("usage (event e-1)", "accountId", "unknown account 'ghost'"));
    }

    @Test
    void anEmptyBatchStoresNothingAndIsNotAnError() {
        assertThat(webhooks.receive("usage", "[]")).isEqualTo(new IntakeResult(0, 0, 0, 0));
        assertThat(engine.calls()).isZero();
    }
}
