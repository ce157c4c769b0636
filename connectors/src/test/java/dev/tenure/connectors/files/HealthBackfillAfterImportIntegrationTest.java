package dev.tenure.connectors.files;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.backfill.HealthBackfillJob;
import dev.tenure.engine.backfill.HealthBackfills;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A file of old signals is history: once it is stored, the days it covers get health scores. */
@TestPropertySource(properties = "tenure.health.backfill.after-import=true")
class HealthBackfillAfterImportIntegrationTest extends ConnectorsIntegrationTest {

    @Autowired
    FileDropProperties properties;
    @Autowired
    HealthBackfills backfills;

    private void dropAndWait(String name, String content) throws IOException {
        Files.createDirectories(properties.inboxPath());
        Path staged = Files.writeString(properties.inboxPath().resolveSibling(name + ".staged"), content, StandardCharsets.UTF_8);
        Files.move(staged, properties.inboxPath().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(properties.inboxPath().resolve("done").resolve(name)));
    }

    @Test
    void givenAUsageFileReachingTenDaysBack_thenThoseDaysAreBackfilled_andAFileOfTodayStartsNothing() throws IOException {
        String acme = existingAccount("Imported Past");
        LocalDate today = TestClock.today();
        String past = "usage-past-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        StringBuilder rows = new StringBuilder("eventId,accountId,occurredAt,feature,quantity\n");
        for (int d = 10; d >= 1; d--) {
            rows.append("%1$s-%2$d,%1$s,%3$s,core,20\n".formatted(acme, d, today.minusDays(d)));
        }

        dropAndWait(past, rows.toString());

        HealthBackfillJob job = await().atMost(Duration.ofSeconds(60)).until(() -> jobFor(past),
                j -> j != null && j.status() == HealthBackfillJob.Status.DONE);
        assertThat(job.from()).isEqualTo(today.minusDays(10));
        assertThat(job.to()).isEqualTo(today.plusDays(1));
        // 06:00 UTC of the ten days before today; today was scored live when the account was stored
        assertThat(jdbc.sql("SELECT count(*) FROM health_score WHERE account_id = ? AND origin = 'BACKFILL'")
                .param(acme).query(Integer.class).single()).isEqualTo(10);

        String recent = "usage-today-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        dropAndWait(recent, "eventId,accountId,occurredAt,feature\n%1$s-now,%1$s,%2$s,core\n"
                .formatted(acme, TestClock.now().minus(Duration.ofHours(1))));

        assertThat(jobFor(recent)).isNull();
    }

    private HealthBackfillJob jobFor(String file) {
        List<HealthBackfillJob> jobs = backfills.list();
        return jobs.stream().filter(j -> j.reason().endsWith(file)).findFirst().orElse(null);
    }
}
