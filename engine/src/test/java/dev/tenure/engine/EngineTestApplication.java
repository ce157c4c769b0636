package dev.tenure.engine;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The engine alone, on the shared test PostgreSQL and GreenMail. */
@SpringBootApplication
public class EngineTestApplication {
}
