package dev.tenure.connectors.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Intake;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One timer route per configured source ({@code jdbc-<name>}): each tick polls the source once. A poll
 * that fails (the warehouse is down) is logged and tried again at the next tick; the watermark has not
 * moved, so nothing is lost.
 */
@Component
@EnableConfigurationProperties(JdbcSourceProperties.class)
class JdbcSourceRoutes extends RouteBuilder implements DisposableBean {

    static final String ROUTE_PREFIX = "jdbc-";

    private static final Logger log = LoggerFactory.getLogger(JdbcSourceRoutes.class);

    private final Map<String, JdbcPoll> polls = new TreeMap<>();
    private final Map<String, JdbcSource> sources;
    private final List<HikariDataSource> warehouses = new ArrayList<>();

    JdbcSourceRoutes(JdbcSourceProperties properties, DataSource application, JdbcClient jdbc,
                     TransactionTemplate transaction, Intake intake, DeadLetters deadLetters, RecordMapper mapper,
                     ObjectMapper json) {
        this.sources = properties.jdbc();
        sources.forEach((name, source) -> polls.put(name, new JdbcPoll(name, source,
                new JdbcTemplate(source.url() == null ? application : warehouse(name, source)),
                jdbc, transaction, intake, deadLetters, mapper, json)));
    }

    /** A small pool of its own per warehouse: polls are one query at a time. */
    private DataSource warehouse(String name, JdbcSource source) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("tenure-jdbc-" + name);
        pool.setJdbcUrl(source.url());
        pool.setUsername(source.username());
        pool.setPassword(source.password());
        pool.setMaximumPoolSize(2);
        pool.setReadOnly(true);
        warehouses.add(pool);
        return pool;
    }

    @Override
    public void configure() {
        polls.forEach((name, poll) -> from("timer:" + ROUTE_PREFIX + name + "?period="
                + sources.get(name).interval().toMillis())
                .routeId(ROUTE_PREFIX + name)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, log, poll.origin() + ": poll failed; tried again at the next tick: ${exception.message}")
                .end()
                .process(exchange -> {
                    JdbcPoll.Outcome outcome = poll.poll();
                    if (outcome.rows() > 0) {
                        log.info("{}: {} rows read, {} accepted, {} already there, {} dead-lettered", poll.origin(),
                                outcome.rows(), outcome.accepted(), outcome.duplicates(), outcome.deadLettered());
                    }
                }));
    }

    @Override
    public void destroy() {
        warehouses.forEach(HikariDataSource::close);
    }
}
