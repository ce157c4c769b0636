package dev.tenure.engine.plays;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.LocalTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendWindowPropertiesUnitTest {

    private static SendWindowProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("tenure.send-window", SendWindowProperties.class);
    }

    @Test
    void businessHoursAreNineToFiveUnlessConfigured() {
        assertThat(bind(Map.of()).hours()).isEqualTo(new SendWindow.BusinessHours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
    }

    @Test
    void anOperatorSetsTheHoursAsLocalTimes() {
        assertThat(bind(Map.of("tenure.send-window.start", "08:30", "tenure.send-window.end", "18:00")).hours())
                .isEqualTo(new SendWindow.BusinessHours(LocalTime.of(8, 30), LocalTime.of(18, 0)));
    }

    @Test
    void hoursThatEndBeforeTheyStartStopTheStartWithTheSettingNamed() {
        assertThatThrownBy(() -> bind(Map.of("tenure.send-window.start", "18:00")))
                .isInstanceOf(BindException.class)
                .hasStackTraceContaining("tenure.send-window: business hours must start before they end: 18:00–17:00");
    }
}
