package dev.tenure.api.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds how long anything waits for PostgreSQL: the pool's connection timeout is
 * {@code tenure.database.connection-wait} (Hikari's own default, 30 seconds, would hold a webhook sender
 * that long while the database restarts). Set after Spring Boot bound {@code spring.datasource.hikari.*},
 * so this setting is the one in force.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    @Bean
    static BeanPostProcessor connectionWait(ObjectProvider<DatabaseProperties> settings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    long wait = settings.getObject().connectionWait().toMillis();
                    pool.setConnectionTimeout(wait);
                    // Checking an idle connection is part of the wait, not on top of it.
                    pool.setValidationTimeout(Math.min(pool.getValidationTimeout(), wait));
                }
                return bean;
            }
        };
    }
}
