package dev.tenure.connectors.segment;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Event names are keys with spaces; config/application.yml shows how to keep them. */
class SegmentPropertiesUnitTest {

    private static SegmentProperties bind(String yaml) throws Exception {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("test",
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        StandardEnvironment environment = new StandardEnvironment();
        sources.forEach(environment.getPropertySources()::addFirst);
        return new Binder(ConfigurationPropertySources.get(environment)).bind("tenure.segment", SegmentProperties.class).get();
    }

    @Test
    void bracketedEventNamesKeepTheirSpacesAndUnbracketedOnesLoseThem() throws Exception {
        SegmentProperties properties = bind("""
                tenure:
                  segment:
                    write-key: k
                    features:
                      "[Report Exported]": core
                      Dashboard Shared: dashboards
                """);

        assertThat(properties.features()).isEqualTo(Map.of("Report Exported", "core", "DashboardShared", "dashboards"));
    }
}
