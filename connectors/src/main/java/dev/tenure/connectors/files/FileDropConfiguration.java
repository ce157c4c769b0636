package dev.tenure.connectors.files;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Wires the file drop's settings and the memory of files already taken. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FileDropProperties.class)
class FileDropConfiguration {

    static final String IDEMPOTENT_REPOSITORY = "fileDropRepository";

    /**
     * Files already taken, kept in PostgreSQL (table {@code camel_messageprocessed}, created by Flyway)
     * so a file dropped again is skipped after a restart too, and on every node.
     */
    @Bean(IDEMPOTENT_REPOSITORY)
    JdbcMessageIdRepository fileDropRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, FileDropRoute.ROUTE_ID);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
