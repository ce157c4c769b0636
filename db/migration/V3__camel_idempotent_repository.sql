-- Camel's JDBC idempotent repository (JdbcMessageIdRepository); the primary key keeps concurrent
-- consumers from taking the same message twice.
CREATE TABLE camel_messageprocessed (
    processorname  varchar(255) NOT NULL,
    messageid      varchar(100) NOT NULL,
    createdat      timestamp NOT NULL,
    PRIMARY KEY (processorname, messageid)
);
