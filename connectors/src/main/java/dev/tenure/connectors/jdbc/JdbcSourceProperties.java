package dev.tenure.connectors.jdbc;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * The polled tables and views ({@code tenure.sources.jdbc.<name>.*}), by source name.
 *
 * @param jdbc each source's settings, by its name (used in event ids, dead letters and the route id)
 */
@ConfigurationProperties("tenure.sources")
public record JdbcSourceProperties(Map<String, JdbcSource> jdbc) {

    public JdbcSourceProperties {
        jdbc = jdbc == null ? Map.of() : Map.copyOf(jdbc);
        jdbc.forEach((name, source) -> source.check("tenure.sources.jdbc." + name));
    }
}
