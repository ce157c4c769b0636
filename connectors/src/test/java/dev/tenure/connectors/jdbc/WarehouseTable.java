package dev.tenure.connectors.jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A warehouse's daily usage rollup, as a table in the test database, made before the routes start so
 * the {@code rollup} source (test application.properties) polls a table that exists.
 */
@Component
class WarehouseTable {

    static final String NAME = "warehouse_usage_rollup";

    WarehouseTable(JdbcClient jdbc) {
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS %s (
                    id            bigserial PRIMARY KEY,
                    account_id    text,
                    day           date,
                    feature_name  text,
                    uses          bigint,
                    active_users  integer
                )""".formatted(NAME)).update();
    }
}
