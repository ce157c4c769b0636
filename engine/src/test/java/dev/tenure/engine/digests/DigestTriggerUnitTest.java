package dev.tenure.engine.digests;

import dev.tenure.engine.EngineProperties;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tenure.digest.cron} is refused at start naming the setting, like every cron setting of the engine. */
class DigestTriggerUnitTest {

    private static final EngineProperties ENGINE = new EngineProperties("rules", ZoneId.of("America/St_Johns"),
            "Tenure <cs@tenure.example>", Duration.ofSeconds(30), "0 0 6 * * ?", 100, "http://localhost:8080", 2);

    @Test
    void a_digest_schedule_that_is_no_cron_expression_or_never_fires_again_stops_the_start_naming_the_setting() {
        assertThatThrownBy(() -> new DigestProperties("0 0 8 ? * MON-FUN", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tenure.digest.cron: '0 0 8 ? * MON-FUN' is not a cron expression");
        assertThatThrownBy(() -> new DigestProperties("", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tenure.digest.cron is empty");
        assertThatThrownBy(() -> new DigestJobs().digestTrigger(new DigestProperties("0 0 8 ? * MON 2021", null), ENGINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tenure.digest.cron: '0 0 8 ? * MON 2021' never fires after ");
    }

    @Test
    void the_digest_trigger_fires_in_the_default_time_zone() {
        CronTrigger trigger = (CronTrigger) new DigestJobs().digestTrigger(new DigestProperties("0 0 8 ? * MON", null), ENGINE);

        assertThat(trigger.getCronExpression()).isEqualTo("0 0 8 ? * MON");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("America/St_Johns");
    }
}
