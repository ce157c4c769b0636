package dev.tenure.connectors;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The connectors with the real engine, on the shared test PostgreSQL the engine's test jar provides. */
@SpringBootApplication(scanBasePackages = "dev.tenure")
public class ConnectorsTestApplication {
}
