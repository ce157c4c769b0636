package dev.tenure.engine.cadences;

import dev.tenure.engine.EngineProperties;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tenure.cadences.cron} is refused at start naming the setting, like every cron setting of the engine. */
class CadenceTriggerUnitTest {

    private static final EngineProperties ENGINE = new EngineProperties("rules", ZoneId.of("Asia/Kathmandu"),
            "Tenure <cs@tenure.example>", Duration.ofSeconds(30), "0 0 6 * * ?", 100, "http://localhost:8080", 2);

    @Test
    void a_cadence_schedule_that_is_no_cron_expression_or_never_fires_again_stops_the_start_naming_the_setting() {
        assertThatThrownBy(() -> new CadenceProperties("0 0 25 * * ?", Duration.ofDays(1), 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tenure.cadences.cron: '0 0 25 * * ?' is not a cron expression");
        assertThatThrownBy(() -> new CadenceJobs().cadenceTrigger(
                new CadenceProperties("0 0 * * * ? 2020", Duration.ofDays(1), 2000), ENGINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tenure.cadences.cron: '0 0 * * * ? 2020' never fires after ");
    }

    @Test
    void the_cadence_trigger_fires_in_the_default_time_zone() {
        CronTrigger trigger = (CronTrigger) new CadenceJobs().cadenceTrigger(
                new CadenceProperties("0 0 * * * ?", Duration.ofDays(1), 2000), ENGINE);

        assertThat(trigger.getCronExpression()).isEqualTo("0 0 * * * ?");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("Asia/Kathmandu");
    }
}
